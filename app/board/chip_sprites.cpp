#include "board/chip_sprites.h"

#include "board/board_palette.h"
#include "board/pod_chip.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QPainter>

#include <cmath>

namespace cox::console {

namespace {

// Enough for every look at a handful of zoom levels; past it the cache starts over (a zoom
// sweep visits many scales, each needing only the looks on screen).
constexpr qint64 kMaxBytes = 24ll << 20;
// Rendering a view's frame may do before looks fall back to stand-ins: with the rest of a
// zoom frame (cards, texts) it stays within 16 ms.
constexpr qint64 kFrameBudgetNs = 4'000'000;

struct LookKey {
    ChipLook look;
    int dpr; // hundredths

    friend bool operator==(const LookKey &, const LookKey &) = default;
};

size_t qHash(const LookKey &k, size_t seed = 0) {
    return qHashMulti(seed, k.look.fill, k.look.outline, k.look.stroke, k.look.badge, k.dpr);
}

struct Queued {
    LookKey key;
    int scale; // thousandths

    friend bool operator==(const Queued &, const Queued &) = default;
};

struct Cache {
    QHash<LookKey, QMap<int, QPixmap>> sprites; // per look, by scale in thousandths
    qint64 bytes = 0;
    QElapsedTimer frame; // valid while a view paints
    QList<Queued> queue; // all of one scale: the one the view shows
};

Cache &cache() {
    static Cache c;
    return c;
}

QString badgeText(quint8 badge) {
    return badge > 10 ? QStringLiteral("9+") : QString::number(badge - 1);
}

int thousandths(qreal scale) {
    return int(std::lround(scale * 1000));
}

const QRectF &spriteBounds() {
    static const QRectF bounds(-1, -3, PodChip::kSize + 4, PodChip::kSize + 4);
    return bounds;
}

} // namespace

const QPixmap &ChipSprites::sprite(const ChipLook &look, qreal scale, qreal dpr) {
    const LookKey key{look, int(std::lround(dpr * 100))};
    const int s = thousandths(scale);
    Cache &c = cache();
    if (auto it = c.sprites.constFind(key); it != c.sprites.cend())
        if (auto at = it->constFind(s); at != it->cend())
            return *at;
    QPixmap pixmap = render(look, scale, dpr);
    const qint64 bytes = qint64(pixmap.width()) * pixmap.height() * 4;
    if (c.bytes + bytes > kMaxBytes) {
        c.sprites.clear();
        c.bytes = 0;
    }
    c.bytes += bytes;
    return *c.sprites[key].insert(s, std::move(pixmap));
}

void ChipSprites::draw(QPainter *painter, const QPointF &deviceTopLeft, const ChipLook &look,
                       qreal scale, qreal dpr) {
    const LookKey key{look, int(std::lround(dpr * 100))};
    const int s = thousandths(scale);
    Cache &c = cache();
    const auto found = c.sprites.constFind(key);
    const bool anyScale = found != c.sprites.cend() && !found->isEmpty();
    if (anyScale) {
        if (auto at = found->constFind(s); at != found->cend()) {
            painter->drawPixmap(deviceTopLeft, *at);
            return;
        }
    }
    if (!c.frame.isValid() || c.frame.nsecsElapsed() < kFrameBudgetNs) {
        painter->drawPixmap(deviceTopLeft, sprite(look, scale, dpr));
        return;
    }
    // Over budget: the exact sprite waits for an idle tick; the nearest scale stands in, or for
    // a look never drawn yet its fill alone - what the chip looks like one zoom level down.
    if (!c.queue.isEmpty() && c.queue.first().scale != s)
        c.queue.clear(); // the view has moved on from that zoom
    if (!c.queue.contains(Queued{key, s}))
        c.queue.append({key, s});
    if (!anyScale) {
        const QPointF body = deviceTopLeft - spriteBounds().topLeft() * scale;
        painter->fillRect(QRectF(body, QSizeF(PodChip::kSize, PodChip::kSize) * scale),
                          QColor::fromRgb(look.fill));
        return;
    }
    auto near = found->lowerBound(s);
    if (near == found->cend() ||
        (near != found->cbegin() && s - std::prev(near).key() < near.key() - s))
        near = std::prev(near);
    const QSizeF size(std::ceil(spriteBounds().width() * scale * dpr) / dpr,
                      std::ceil(spriteBounds().height() * scale * dpr) / dpr);
    const bool smooth = painter->testRenderHint(QPainter::SmoothPixmapTransform);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawPixmap(QRectF(deviceTopLeft, size), *near, QRectF(near->rect()));
    painter->setRenderHint(QPainter::SmoothPixmapTransform, smooth);
}

void ChipSprites::beginFrame() {
    cache().frame.start();
}

void ChipSprites::endFrame() {
    cache().frame.invalidate();
}

bool ChipSprites::renderQueued(double budgetMs) {
    Cache &c = cache();
    QElapsedTimer t;
    t.start();
    while (!c.queue.isEmpty() && t.nsecsElapsed() < qint64(budgetMs * 1e6)) {
        const Queued q = c.queue.takeFirst();
        sprite(q.key.look, q.scale / 1000.0, q.key.dpr / 100.0);
    }
    return !c.queue.isEmpty();
}

bool ChipSprites::hasQueued() {
    return !cache().queue.isEmpty();
}

QPixmap ChipSprites::render(const ChipLook &look, qreal scale, qreal dpr) {
    const QRectF &bounds = spriteBounds();
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
