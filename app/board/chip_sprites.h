// ChipSprites: pod chips pre-rendered at the view's scale and shared by every chip that looks
// the same. Thousands of chips come in a few dozen looks (owner colour x phase outline x badge),
// so one antialiased rounded rect per look and zoom replaces one per chip and frame; a frame at
// detail zoom then blits pixmaps. Qt's DeviceCoordinateCache would keep one pixmap per item
// (30,000 of them, evicted and re-rendered in turn) instead of one per look.
// A zoom step needs every look on screen at the new scale: at 3x, 48 looks cost ~10 ms, most
// of a frame. So while a view paints (beginFrame/endFrame) rendering has a budget: past it, a
// look already rendered at another scale is drawn from that sprite, scaled (a look never
// rendered as its plain fill, as at low zoom), and the exact one is queued for the view to
// render on idle ticks (renderQueued) and repaint.
#pragma once

#include <QColor>
#include <QPixmap>

class QPainter;
class QRectF;

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
    // it covers PodChip::boundingRect(). Rendered now if missing.
    static const QPixmap &sprite(const ChipLook &look, qreal scale, qreal dpr);
    // Draws `look` at `scale` with the sprite's top left at `deviceTopLeft` (the painter
    // untransformed): the exact sprite, or within a view's frame over its budget a stand-in
    // while the exact one waits in the queue.
    static void draw(QPainter *painter, const QPointF &deviceTopLeft, const ChipLook &look,
                     qreal scale, qreal dpr);
    // Paints one chip directly (what a sprite holds), for transforms a sprite cannot follow.
    static void paintChip(QPainter *painter, const ChipLook &look, qreal lod);

    // A view's paint: rendering within it stops at a budget (outside one it never does).
    static void beginFrame();
    static void endFrame();
    // Renders queued sprites for up to `budgetMs`; whether some are still queued.
    static bool renderQueued(double budgetMs);
    static bool hasQueued();

private:
    static QPixmap render(const ChipLook &look, qreal scale, qreal dpr);
};

} // namespace cox::console
