#include "board/chip_container.h"

#include "board/board_scene.h"
#include "board/pod_chip.h"

#include <QPainter>

namespace cox::console {

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
    chip->setParentItem(this);
    chip->setPos(slot(int(m_chips.size()) - 1));
    updateHeight();
    chipsChanged();
}

void ChipContainer::removeChip(PodChip *chip) {
    const qsizetype index = m_chips.indexOf(chip);
    if (index < 0)
        return;
    m_chips.removeAt(index);
    if (chip->parentItem() == this)
        chip->setParentItem(nullptr);
    for (qsizetype i = index; i < m_chips.size(); ++i)
        m_chips[i]->setPos(slot(int(i)));
    updateHeight();
    chipsChanged();
}

void ChipContainer::restoreChip(PodChip *chip) {
    const qsizetype index = m_chips.indexOf(chip);
    if (index < 0)
        return;
    chip->setParentItem(this);
    chip->setZValue(0);
    chip->setPos(slot(int(index)));
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

// Slots are computed, not read back from the chips: at low zoom this runs for every chip on
// the board each frame.
void ChipContainer::paintChipsFlat(QPainter *painter) const {
    const int perRow = chipsPerRow();
    const QPointF origin = chipArea().topLeft();
    const QSizeF size(PodChip::kSize, PodChip::kSize);
    for (qsizetype i = 0; i < m_chips.size(); ++i) {
        const PodChip *chip = m_chips[i];
        if (chip->parentItem() != this)
            continue; // dragged: drawn by itself, above every card
        const QPointF at =
            origin + QPointF((i % perRow) * PodChip::kPitch, (i / perRow) * PodChip::kPitch);
        painter->fillRect(QRectF(at, size), chip->fill());
    }
}

} // namespace cox::console
