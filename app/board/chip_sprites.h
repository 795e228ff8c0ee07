// ChipSprites: pod chips pre-rendered at the view's scale and shared by every chip that looks
// the same. Thousands of chips come in a few dozen looks (owner colour x phase outline x badge),
// so one antialiased rounded rect per look and zoom replaces one per chip and frame; a frame at
// detail zoom then blits pixmaps. Qt's DeviceCoordinateCache would keep one pixmap per item
// (30,000 of them, evicted and re-rendered in turn) instead of one per look.
#pragma once

#include <QColor>
#include <QHash>
#include <QPixmap>

namespace cox::console {

struct ChipLook {
    QRgb fill = 0;
    QRgb outline = 0;
    quint8 stroke = 0; // 0 plain, 1 selected, 2 moving (dashed), 3 move failed
    quint8 badge = 0;  // 0 none, 1 a dot, 2.. the restart count + 1 (11 = "9+")

    friend bool operator==(const ChipLook &, const ChipLook &) = default;
};

class ChipSprites {
public:
    // The sprite of `look` at `scale` device pixels per scene unit and device pixel ratio `dpr`;
    // it covers PodChip::boundingRect().
    static const QPixmap &sprite(const ChipLook &look, qreal scale, qreal dpr);
    // Paints one chip directly (what a sprite holds), for transforms a sprite cannot follow.
    static void paintChip(QPainter *painter, const ChipLook &look, qreal lod);

private:
    static QPixmap render(const ChipLook &look, qreal scale, qreal dpr);
};

} // namespace cox::console
