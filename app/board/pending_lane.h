// PendingLane: the strip above the node grid that holds pods no node has taken yet, so
// unschedulable work is visible at a glance instead of hidden in a list.
#pragma once

#include "board/board_item_types.h"
#include "board/chip_container.h"

#include <QCoreApplication>

namespace cox::console {

class PendingLane : public ChipContainer {
    Q_DECLARE_TR_FUNCTIONS(PendingLane)
public:
    PendingLane();

    int type() const override { return PendingLaneType; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QRectF chipArea() const override;
    qreal minimumHeight() const override;
    void chipsChanged() override { update(); }
};

} // namespace cox::console
