#include "board/chip_container.h"

#include "board/board_scene.h"
#include "board/pod_chip.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace cox::console {

namespace {

// Holds a container's chips and nothing else: no contents, no area.
class ChipLayer : public QGraphicsItem {
public:
    explicit ChipLayer(QGraphicsItem *parent)
        : QGraphicsItem(parent) {
        setFlag(ItemHasNoContents);
    }
    QRectF boundingRect() const override { return {}; }
    void paint(QPainter *, const QStyleOptionGraphicsItem *, QWidget *) override {}
};

} // namespace

ChipContainer::ChipContainer()
    : m_layer(new ChipLayer(this)) {}

int ChipContainer::chipsPerRow() const {
    return std::max(1,
                    int((chipArea().width() + PodChip::kPitch - PodChip::kSize) / PodChip::kPitch));
}

QPointF ChipContainer::slot(int index) const {
    const int perRow = chipsPerRow();
    const QRectF area = chipArea();
    return area.topLeft() +
           QPointF((index % perRow) * PodChip::kPitch, (index / perRow) * PodChip::kPitch);
}

void ChipContainer::addChip(PodChip *chip) {
    m_chips.append(chip);
    m_fills.append(chip->fill().rgb());
    chip->setParentItem(m_layer); // hidden with the layer while flat
    chip->setPos(slot(int(m_chips.size()) - 1));
    updateHeight();
    chipsChanged();
}

void ChipContainer::removeChip(PodChip *chip) {
    const qsizetype index = m_chips.indexOf(chip);
    if (index < 0)
        return;
    m_chips.removeAt(index);
    m_fills.removeAt(index);
    if (m_lifted == chip)
        m_lifted = nullptr;
    if (chip->parentItem() == m_layer)
        chip->setParentItem(nullptr);
    for (qsizetype i = index; i < m_chips.size(); ++i)
        m_chips[i]->setPos(slot(int(i)));
    update(); // the chips after it moved up a slot
    updateHeight();
    chipsChanged();
}

void ChipContainer::chipChanged(PodChip *chip) {
    const qsizetype index = m_chips.indexOf(chip);
    if (index < 0)
        return;
    if (m_fills[index] != chip->fill().rgb()) {
        m_fills[index] = chip->fill().rgb();
        if (m_flat)
            update();
    }
    if (!m_flat)
        update(chip->mapRectToItem(this, chip->boundingRect()));
    chipUpdated(chip);
}

bool ChipContainer::holds(const PodChip *chip) const {
    return chip->parentItem() == m_layer;
}

void ChipContainer::liftChip(PodChip *chip) {
    if (!m_chips.contains(chip))
        return;
    m_lifted = chip;
    const QPointF at = chip->scenePos();
    chip->setParentItem(nullptr);
    chip->setPos(at);
    chip->setVisible(true);
    update();
}

void ChipContainer::restoreChip(PodChip *chip) {
    const qsizetype index = m_chips.indexOf(chip);
    if (index < 0)
        return;
    if (m_lifted == chip)
        m_lifted = nullptr;
    chip->setParentItem(m_layer);
    chip->setZValue(0);
    chip->setPos(slot(int(index)));
    update();
}

void ChipContainer::setFlatChips(bool flat) {
    if (m_flat == flat)
        return;
    m_flat = flat;
    m_layer->setVisible(!flat);
    update();
}

void ChipContainer::setWidth(qreal width) {
    if (qFuzzyCompare(width, m_width))
        return;
    prepareGeometryChange();
    m_width = width;
    reflow();
}

void ChipContainer::reflow() {
    for (qsizetype i = 0; i < m_chips.size(); ++i)
        m_chips[i]->setPos(slot(int(i)));
    updateHeight();
}

void ChipContainer::updateHeight() {
    const int perRow = chipsPerRow();
    const int rows = m_chips.isEmpty() ? 0 : int((m_chips.size() + perRow - 1) / perRow);
    const qreal h = std::max(minimumHeight(), chipArea().top() + rows * PodChip::kPitch + 8);
    if (qFuzzyCompare(h, m_height))
        return;
    prepareGeometryChange();
    m_height = h;
    if (auto *board = static_cast<BoardScene *>(scene()))
        board->scheduleLayout();
}

void ChipContainer::paintChips(QPainter *painter, const QStyleOptionGraphicsItem *option) const {
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (m_flat || lod < PodChip::kDetailLod)
        paintChipsFlat(painter);
    else
        paintChipSprites(painter, lod);
}

// What each chip's own paint() would draw, from here: the sprite of its look at the chip's
// device position, rounded to a pixel, with its opacity (dimmed when the search misses it).
void ChipContainer::paintChipSprites(QPainter *painter, qreal lod) const {
    const QTransform world = painter->worldTransform();
    const bool sprites = world.type() <= QTransform::TxScale; // else no sprite fits
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    const qreal opacity = painter->opacity();
    const QPointF corner = m_chips.isEmpty() ? QPointF() : m_chips[0]->boundingRect().topLeft();
    if (sprites)
        painter->setWorldTransform(QTransform());
    for (const PodChip *chip : m_chips) {
        if (chip == m_lifted)
            continue; // dragged: drawn by itself, above every card
        painter->setOpacity(opacity * chip->drawOpacity());
        if (!sprites) {
            painter->setWorldTransform(QTransform::fromTranslate(chip->x(), chip->y()) * world);
            ChipSprites::paintChip(painter, chip->look(lod), lod);
            continue;
        }
        const QPointF at = world.map(chip->pos() + corner);
        ChipSprites::draw(painter, QPointF(std::round(at.x()), std::round(at.y())), chip->look(lod),
                          lod, dpr);
    }
    painter->setOpacity(opacity);
    painter->setWorldTransform(world); // the view does not save the painter's state for us
}

// Slots are computed and colours read from one array, not from the chips: at low zoom this
// runs for every chip on the board each frame, and touching 30,000 items costs cache misses.
void ChipContainer::paintChipsFlat(QPainter *painter) const {
    const int perRow = chipsPerRow();
    const QPointF origin = chipArea().topLeft();
    const QSizeF size(PodChip::kSize, PodChip::kSize);
    for (qsizetype i = 0; i < m_chips.size(); ++i) {
        if (m_chips[i] == m_lifted)
            continue; // dragged: drawn by itself, above every card
        const QPointF at =
            origin + QPointF((i % perRow) * PodChip::kPitch, (i / perRow) * PodChip::kPitch);
        painter->fillRect(QRectF(at, size), QColor::fromRgb(m_fills[i]));
    }
}

} // namespace cox::console
