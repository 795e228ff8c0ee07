#include "board/chip_sprites.h"

#include "board/board_palette.h"
#include "board/pod_chip.h"

#include <QPainter>

#include <cmath>

namespace cox::console {

namespace {

// Enough for every look at a handful of zoom levels; past it the cache starts over (a zoom
// sweep visits many scales, each needing only the looks on screen).
constexpr qint64 kMaxBytes = 24ll << 20;

struct SpriteKey {
    ChipLook look;
    int scale; // thousandths
    int dpr;   // hundredths

    friend bool operator==(const SpriteKey &, const SpriteKey &) = default;
};

size_t qHash(const SpriteKey &k, size_t seed = 0) {
    return qHashMulti(seed, k.look.fill, k.look.outline, k.look.stroke, k.look.badge, k.scale,
                      k.dpr);
}

struct Cache {
    QHash<SpriteKey, QPixmap> sprites;
    qint64 bytes = 0;
};

Cache &cache() {
    static Cache c;
    return c;
}

QString badgeText(quint8 badge) {
    return badge > 10 ? QStringLiteral("9+") : QString::number(badge - 1);
}

} // namespace

const QPixmap &ChipSprites::sprite(const ChipLook &look, qreal scale, qreal dpr) {
    const SpriteKey key{look, int(std::lround(scale * 1000)), int(std::lround(dpr * 100))};
    Cache &c = cache();
    auto it = c.sprites.constFind(key);
    if (it != c.sprites.cend())
        return *it;
    QPixmap pixmap = render(look, scale, dpr);
    const qint64 bytes = qint64(pixmap.width()) * pixmap.height() * 4;
    if (c.bytes + bytes > kMaxBytes) {
        c.sprites.clear();
        c.bytes = 0;
    }
    c.bytes += bytes;
    return *c.sprites.insert(key, std::move(pixmap));
}

QPixmap ChipSprites::render(const ChipLook &look, qreal scale, qreal dpr) {
    const QRectF bounds(-1, -3, PodChip::kSize + 4, PodChip::kSize + 4);
    const qreal device = scale * dpr;
    QPixmap pixmap(int(std::ceil(bounds.width() * device)),
                   int(std::ceil(bounds.height() * device)));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.scale(device, device);
    painter.translate(-bounds.topLeft());
    paintChip(&painter, look, scale);
    painter.end();
    pixmap.setDevicePixelRatio(dpr);
    return pixmap;
}

void ChipSprites::paintChip(QPainter *painter, const ChipLook &look, qreal lod) {
    const qreal size = PodChip::kSize;
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(QColor::fromRgb(look.outline), look.stroke == 1 ? 2.5 : 1.6);
    if (look.stroke == 1)
        pen.setColor(BoardPalette::cardSelected());
    else if (look.stroke == 2) {
        pen.setColor(BoardPalette::text());
        pen.setStyle(Qt::DashLine);
    } else if (look.stroke == 3) {
        pen.setColor(BoardPalette::doesNotFit());
    }
    painter->setPen(pen);
    painter->setBrush(QColor::fromRgb(look.fill));
    painter->drawRoundedRect(QRectF(0.8, 0.8, size - 1.6, size - 1.6), 3.5, 3.5);
    if (look.badge == 0)
        return;
    const QRectF badge(size - 6, -3, 9, 9);
    painter->setPen(Qt::NoPen);
    painter->setBrush(BoardPalette::badge());
    painter->drawEllipse(badge);
    if (look.badge < 2 || lod < 1.5)
        return;
    QFont f = painter->font();
    f.setPixelSize(6);
    f.setBold(true);
    painter->setFont(f);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, badgeText(look.badge));
}

} // namespace cox::console
