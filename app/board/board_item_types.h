// Graphics item type ids of the board (QGraphicsItem::UserType + n), for qgraphicsitem_cast.
#pragma once

#include <QGraphicsItem>

namespace cox::console {

enum BoardItemType {
    NodeCardType = QGraphicsItem::UserType + 1,
    PodChipType = QGraphicsItem::UserType + 2,
    PendingLaneType = QGraphicsItem::UserType + 3,
};

} // namespace cox::console
