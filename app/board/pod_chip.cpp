#include "board/pod_chip.h"

#include "board/board_palette.h"
#include "board/board_scene.h"
#include "board/chip_sprites.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace cox::console {

PodChip::PodChip(const PodView &pod) {
    setFlag(ItemIsSelectable);
    setAcceptedMouseButtons(Qt::LeftButton);
    setView(pod);
}

QRectF PodChip::boundingRect() const {
    return QRectF(-1, -3, kSize + 4, kSize + 4); // room for the outline and the badge
}

void PodChip::setView(const PodView &pod) {
    m_pod = pod;
    m_fill = BoardPalette::owner(pod.owner);
    m_outline = BoardPalette::phase(pod.phase);
    if (pod.terminating)
        m_fill = m_fill.darker(170);
    updateToolTip();
    repaint();
}

void PodChip::setMoveState(MoveState state, const QString &note) {
    m_moveState = state;
    m_moveNote = note;
    updateToolTip();
    repaint();
}

void PodChip::setMatched(bool matched) {
    if (m_matched == matched)
        return;
    m_matched = matched;
    setOpacity(drawOpacity());
    repaint();
}

void PodChip::repaint() {
    update();
    if (!(flags() & ItemHasNoContents))
        return;
    QGraphicsItem *layer = parentItem();
    if (QGraphicsItem *container = layer ? layer->parentItem() : nullptr)
        container->update(mapRectToItem(container, boundingRect()));
}

QVariant PodChip::itemChange(GraphicsItemChange change, const QVariant &value) {
    if (change == ItemSelectedHasChanged)
        repaint(); // the selected outline is in the sprite
    // In a container's slot (under its layer) the container draws the chip; lifted (no parent)
    // it paints itself.
    if (change == ItemParentHasChanged) {
        setFlag(ItemHasNoContents, parentItem() != nullptr);
        update();
    }
    return QGraphicsItem::itemChange(change, value);
}

void PodChip::updateToolTip() {
    QString tip = tr("%1\nnamespace %2 · %3").arg(m_pod.name, m_pod.ns, m_pod.phase);
    if (m_pod.restarts > 0)
        tip += tr("\nrestarts: %1").arg(m_pod.restarts);
    if (!m_moveNote.isEmpty())
        tip += QLatin1Char('\n') + m_moveNote;
    setToolTip(tip);
}

ChipLook PodChip::look(qreal lod) const {
    ChipLook look;
    look.fill = m_fill.rgb();
    look.outline = m_outline.rgb();
    if (m_moveState == MoveState::Moving)
        look.stroke = 2;
    else if (m_moveState == MoveState::Failed)
        look.stroke = 3;
    else if (isSelected())
        look.stroke = 1;
    if (m_pod.restarts > 0)
        look.badge = lod >= 1.5 ? quint8(std::min(m_pod.restarts, 10) + 1) : 1;
    return look;
}

void PodChip::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const QTransform world = painter->worldTransform();
    const qreal lod = option->levelOfDetailFromTransform(world);
    if (lod < kDetailLod) {
        painter->fillRect(QRectF(0, 0, kSize, kSize), m_fill);
        return;
    }
    if (world.type() > QTransform::TxScale) { // rotated or sheared: no sprite fits
        ChipSprites::paintChip(painter, look(lod), lod);
        return;
    }
    // The sprite is drawn untransformed at the chip's device position, rounded to a pixel.
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    const QPixmap &sprite = ChipSprites::sprite(look(lod), lod, dpr);
    const QPointF at = world.map(boundingRect().topLeft());
    painter->setWorldTransform(QTransform());
    painter->drawPixmap(QPointF(std::round(at.x()), std::round(at.y())), sprite);
    painter->setWorldTransform(world); // the view does not save the painter's state for us
}

void PodChip::mousePressEvent(QGraphicsSceneMouseEvent *event) {
    m_pressPos = event->scenePos();
    m_dragging = false;
    QGraphicsItem::mousePressEvent(event); // selection
}

void PodChip::mouseMoveEvent(QGraphicsSceneMouseEvent *event) {
    auto *board = static_cast<BoardScene *>(scene());
    if (!m_dragging) {
        const QPoint moved = (event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton));
        if (moved.manhattanLength() < QApplication::startDragDistance())
            return;
        m_dragging = true;
        board->beginChipDrag(this, m_pressPos);
    }
    board->moveChipDrag(this, event->scenePos());
}

void PodChip::mouseReleaseEvent(QGraphicsSceneMouseEvent *event) {
    if (m_dragging) {
        m_dragging = false;
        static_cast<BoardScene *>(scene())->endChipDrag(this, event->scenePos());
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

} // namespace cox::console
