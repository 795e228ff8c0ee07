#include "board/pod_chip.h"

#include "board/board_palette.h"
#include "board/board_scene.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace cox::console {

namespace {

// Below this zoom a chip is a few pixels: text and badges are noise, a filled rect is enough.
constexpr qreal kDetailLod = 0.6;

} // namespace

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
    update();
}

void PodChip::setMoveState(MoveState state, const QString &note) {
    m_moveState = state;
    m_moveNote = note;
    updateToolTip();
    update();
}

void PodChip::setMatched(bool matched) {
    if (m_matched == matched)
        return;
    m_matched = matched;
    setOpacity(matched ? 1.0 : 0.15);
}

void PodChip::updateToolTip() {
    QString tip = tr("%1\nnamespace %2 · %3").arg(m_pod.name, m_pod.ns, m_pod.phase);
    if (m_pod.restarts > 0)
        tip += tr("\nrestarts: %1").arg(m_pod.restarts);
    if (!m_moveNote.isEmpty())
        tip += QLatin1Char('\n') + m_moveNote;
    setToolTip(tip);
}

void PodChip::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const QRectF r(0, 0, kSize, kSize);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kDetailLod) {
        painter->fillRect(r, m_fill);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(isSelected() ? BoardPalette::cardSelected() : m_outline, isSelected() ? 2.5 : 1.6);
    if (m_moveState == MoveState::Moving) {
        pen.setColor(BoardPalette::text());
        pen.setStyle(Qt::DashLine);
    } else if (m_moveState == MoveState::Failed) {
        pen.setColor(BoardPalette::doesNotFit());
    }
    painter->setPen(pen);
    painter->setBrush(m_fill);
    painter->drawRoundedRect(r.adjusted(0.8, 0.8, -0.8, -0.8), 3.5, 3.5);
    if (m_pod.restarts > 0) {
        const QRectF badge(kSize - 6, -3, 9, 9);
        painter->setPen(Qt::NoPen);
        painter->setBrush(BoardPalette::badge());
        painter->drawEllipse(badge);
        if (lod >= 1.5) {
            QFont f = painter->font();
            f.setPixelSize(6);
            f.setBold(true);
            painter->setFont(f);
            painter->setPen(Qt::white);
            painter->drawText(badge, Qt::AlignCenter,
                              m_pod.restarts > 9 ? QStringLiteral("9+")
                                                 : QString::number(m_pod.restarts));
        }
    }
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
