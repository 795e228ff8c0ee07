#include "board/pending_lane.h"

#include "board/board_palette.h"
#include "board/pod_chip.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace cox::console {

namespace {

constexpr qreal kHeaderHeight = 30;
constexpr qreal kPad = 12;

} // namespace

PendingLane::PendingLane() {
    setZValue(-1);
}

QRectF PendingLane::chipArea() const {
    return QRectF(kPad, kHeaderHeight, width() - 2 * kPad, 0);
}

qreal PendingLane::minimumHeight() const {
    return kHeaderHeight + PodChip::kPitch + 10;
}

void PendingLane::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const QRectF r = boundingRect();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod >= 0.45);
    painter->setPen(QPen(BoardPalette::laneBorder(), 1, Qt::DashLine));
    painter->setBrush(BoardPalette::lane());
    painter->drawRoundedRect(r.adjusted(1, 1, -1, -1), 10, 10);
    QFont f;
    f.setPixelSize(12);
    f.setBold(true);
    painter->setFont(f);
    painter->setPen(BoardPalette::phase(QStringLiteral("Pending")));
    const QString title = chips().isEmpty() ? tr("Pending pods: none, every pod has a node")
                                            : tr("Pending pods (%1)").arg(chips().size());
    painter->drawText(QRectF(kPad, 6, r.width() - 2 * kPad, 20), Qt::AlignLeft | Qt::AlignVCenter,
                      title);
    paintChips(painter, option);
}

} // namespace cox::console
