// The board's card-drawn chips against the chips' own paint: at detail zoom a node card blits
// every chip's sprite (the PodChip items paint nothing), and only a lifted (dragged) chip paints
// itself. These tests render a small board fed into ClusterModel directly (no API) through the
// view's real paint path and compare pixels: the card's rendering of a chip must be what the
// chip paints itself, dimmed by a search that misses it, outlined when selected.
#include "board/board_palette.h"
#include "board/board_scene.h"
#include "board/board_view.h"
#include "board/chip_sprites.h"
#include "board/node_card.h"
#include "board/pending_lane.h"
#include "board/pod_chip.h"
#include "models/cluster_model.h"

#include <QCoreApplication>
#include <QImage>
#include <QWindow>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace cox::console::testing {

namespace {

constexpr qreal kZoom = 2.0; // detail zoom: sprites with outline and restart-count badge

// Sprites are blitted as-is in both paths, so the pixels should be identical; the tolerance
// covers only the raster engine's 8-bit premultiplied-alpha compositing, which may round a
// channel by one differently when the same pixmap is blended through a different painter state
// (the card resets the world transform and sets an opacity of 1.0 per chip, the item does not).
constexpr int kTolerance = 2;

NodeView makeNode(const QString &name) {
    NodeView n;
    n.name = name;
    n.ready = true;
    n.cpuMilli = 4000;
    n.memoryBytes = 8ll << 30;
    n.podCapacity = 110;
    return n;
}

PodView makePod(const QString &name, const QString &owner, const QString &node,
                const QString &phase, int restarts = 0) {
    PodView p;
    p.ns = QStringLiteral("default");
    p.name = name;
    p.key = p.ns + QLatin1Char('/') + name;
    p.owner = owner;
    p.nodeName = node;
    p.phase = phase;
    p.restarts = restarts;
    p.cpuMilli = 100;
    p.memoryBytes = 128ll << 20;
    p.labels.insert(QStringLiteral("app"), owner);
    return p;
}

int channelDiff(QRgb a, QRgb b) {
    return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                     std::abs(qBlue(a) - qBlue(b)), std::abs(qAlpha(a) - qAlpha(b))});
}

// Largest per-channel difference between two images of the same size.
int maxDiff(const QImage &a, const QImage &b) {
    int worst = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            worst = std::max(worst, channelDiff(a.pixel(x, y), b.pixel(x, y)));
    return worst;
}

int countDiffering(const QImage &a, const QImage &b) {
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            n += channelDiff(a.pixel(x, y), b.pixel(x, y)) > kTolerance;
    return n;
}

// Euclidean RGB distance, for "closer to the card background".
double colourDistance(QRgb a, QRgb b) {
    const double r = qRed(a) - qRed(b), g = qGreen(a) - qGreen(b), bl = qBlue(a) - qBlue(b);
    return std::sqrt(r * r + g * g + bl * bl);
}

class BoardPaintTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_scene = std::make_unique<BoardScene>(&m_model);
        m_view = std::make_unique<BoardView>(m_scene.get());
        m_view->resize(900, 700);
        m_view->show();
        for (int i = 0; i < 200 && !exposed(); ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        ASSERT_TRUE(exposed()) << "the board view was never exposed";

        for (const char *node : {"node-a", "node-b", "node-c"})
            m_model.upsertNode(makeNode(QString::fromLatin1(node)));
        const QString a = QStringLiteral("node-a"), b = QStringLiteral("node-b");
        m_model.upsertPod(makePod("web-1", "web", a, "Running"));
        m_model.upsertPod(makePod("web-2", "web", a, "Running", /*restarts=*/3));
        m_model.upsertPod(makePod("db-1", "db", a, "Pending"));
        m_model.upsertPod(makePod("cache-1", "cache", b, "Running"));
        m_model.upsertPod(makePod("batch-1", "batch", b, "Failed"));
        m_model.upsertPod(makePod("queued-1", "queued", QString(), "Pending", /*restarts=*/1));
        QCoreApplication::processEvents();
        m_scene->layoutNow();

        m_chip = m_scene->chip(QStringLiteral("default/web-2"));
        ASSERT_NE(m_chip, nullptr);
        m_card = m_scene->card(QStringLiteral("node-a"));
        ASSERT_NE(m_card, nullptr);
        ASSERT_TRUE(m_card->holds(m_chip));
        m_view->setZoom(kZoom);
        m_view->centerOn(m_chip);
        QCoreApplication::processEvents();
    }

    void TearDown() override {
        m_view.reset();
        m_scene.reset();
    }

    bool exposed() const { return m_view->windowHandle() && m_view->windowHandle()->isExposed(); }

    // The viewport as its paint event draws it, once no chip sprite waits for an idle tick
    // (a frame over its sprite budget draws stand-ins; the tick renders the exact sprites).
    QImage frame() {
        QImage image = m_view->viewport()->grab().toImage();
        for (int i = 0; i < 50 && (m_view->hasDeferredWork() || ChipSprites::hasQueued()); ++i) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            image = m_view->viewport()->grab().toImage();
        }
        EXPECT_FALSE(m_view->hasDeferredWork() || ChipSprites::hasQueued())
            << "chip sprites still deferred after 50 idle ticks";
        return image.convertToFormat(QImage::Format_ARGB32);
    }

    // The chip's whole drawing (outline and badge included) in viewport pixels.
    QRect chipRect() const {
        return m_view->mapFromScene(m_chip->sceneBoundingRect()).boundingRect();
    }

    // The viewport pixel at a point given in the chip's own coordinates.
    QPoint pixelAt(const QPointF &chipPos) const {
        return m_view->mapFromScene(m_chip->mapToScene(chipPos));
    }

    // The largest per-channel difference between two frames over `chip`'s rect. Pixels where a
    // neighbour's sprite lands too (bounding rects in a row overlap by a unit, more after
    // rounding to a pixel) are left out: there a container stacks the next chip over this one,
    // a lifted chip lies above it, and both are right.
    int differenceOver(const PodChip *chip, const QImage &a, const QImage &b) const {
        const QRect rect = m_view->mapFromScene(chip->sceneBoundingRect()).boundingRect();
        QVector<QRect> neighbours;
        if (ChipContainer *home = m_scene->containerOf(chip))
            for (const PodChip *other : home->chips())
                if (other != chip)
                    neighbours.append(m_view->mapFromScene(other->sceneBoundingRect())
                                          .boundingRect()
                                          .adjusted(-1, -1, 1, 1));
        int worst = 0, compared = 0;
        for (int y = rect.top(); y <= rect.bottom(); ++y)
            for (int x = rect.left(); x <= rect.right(); ++x) {
                const auto shared = [&](const QRect &r) {
                    return r.contains(x, y);
                };
                if (std::any_of(neighbours.cbegin(), neighbours.cend(), shared))
                    continue;
                ++compared;
                worst = std::max(worst, channelDiff(a.pixel(x, y), b.pixel(x, y)));
            }
        EXPECT_GT(compared, rect.width() * rect.height() / 2) << "too few pixels compared";
        return worst;
    }

    // Renders `chip` as its container draws it and, lifted as a drag lifts it, as it draws
    // itself; puts it back (as a drop that did not move the pod) and returns differenceOver.
    int liftedDifference(PodChip *chip) {
        ChipContainer *home = m_scene->containerOf(chip);
        EXPECT_TRUE(home && home->holds(chip));
        EXPECT_TRUE(chip->flags() & QGraphicsItem::ItemHasNoContents);
        const QRect rect = m_view->mapFromScene(chip->sceneBoundingRect()).boundingRect();
        EXPECT_TRUE(m_view->viewport()->rect().contains(rect)) << "the chip is not on screen";
        const QImage byContainer = frame();
        m_scene->beginChipDrag(chip, chip->scenePos());
        EXPECT_FALSE(home->holds(chip));
        const QImage byItself = frame();
        m_scene->endChipDrag(chip, chip->scenePos());
        EXPECT_TRUE(home->holds(chip));
        EXPECT_TRUE(chip->flags() & QGraphicsItem::ItemHasNoContents);
        return differenceOver(chip, byContainer, byItself);
    }

    // Like chipRect, less the last unit on the right: the bounding rects of neighbours in a row
    // overlap by one unit (a pitch of 17, a rect 18 wide), and there the next chip's outline
    // shows, faded or not by the search on its own account.
    QRect ownRect() const {
        const QRectF own = m_chip->boundingRect().adjusted(0, 0, -2, 0);
        return m_view->mapFromScene(m_chip->mapRectToScene(own)).boundingRect();
    }

    QRgb centre(const QImage &image) const {
        return image.pixel(pixelAt(QPointF(PodChip::kSize / 2, PodChip::kSize / 2)));
    }

    ClusterModel m_model;
    std::unique_ptr<BoardScene> m_scene;
    std::unique_ptr<BoardView> m_view;
    PodChip *m_chip = nullptr;
    NodeCard *m_card = nullptr;
};

} // namespace

TEST_F(BoardPaintTest, CardDrawnChipLooksLikeTheChipPaintingItselfWhenLifted) {
    // In its slot the chip item has no contents: whatever shows there, its card drew.
    ASSERT_TRUE(m_chip->flags() & QGraphicsItem::ItemHasNoContents);
    const QRect rect = chipRect();
    ASSERT_TRUE(m_view->viewport()->rect().contains(rect)) << "the chip is not on screen";
    const QImage byCardFrame = frame();
    const QImage byCard = byCardFrame.copy(rect);

    // The card drew the chip's look: its owner colour fills the body, unlike the card itself.
    const QRgb fill = m_chip->fill().rgb();
    ASSERT_GT(colourDistance(fill, BoardPalette::card().rgb()), 30);
    EXPECT_LE(channelDiff(centre(frame()), fill), kTolerance)
        << "the card did not draw the chip's fill at its slot";

    // Lifted as a drag lifts it: the chip leaves the card and paints itself at the same place.
    m_scene->beginChipDrag(m_chip, m_chip->scenePos());
    ASSERT_FALSE(m_card->holds(m_chip));
    ASSERT_FALSE(m_chip->flags() & QGraphicsItem::ItemHasNoContents);
    ASSERT_EQ(chipRect(), rect);
    const QImage byItselfFrame = frame();
    EXPECT_LE(differenceOver(m_chip, byCardFrame, byItselfFrame), kTolerance)
        << countDiffering(byCard, byItselfFrame.copy(rect)) << " of "
        << rect.width() * rect.height()
        << " pixels (neighbours' included) differ between the card's drawing and the chip's own";

    // Moved away while lifted, the slot shows the card only: the card no longer draws it.
    const QPoint mid = pixelAt(QPointF(PodChip::kSize / 2, PodChip::kSize / 2)) - rect.topLeft();
    m_scene->moveChipDrag(m_chip, m_chip->scenePos() + QPointF(0, 400));
    const QImage slotEmpty = frame().copy(rect);
    EXPECT_GT(countDiffering(byCard, slotEmpty), rect.width() * rect.height() / 4);
    EXPECT_LE(channelDiff(slotEmpty.pixel(mid), BoardPalette::card().rgb()), kTolerance);
}

// Sprite positions are rounded to a pixel in both paths, from transforms built differently
// (the card's world transform and the chip's offset, or the chip's own world transform); at
// fractional zooms a disagreement would shift the chip by a pixel. The pending lane is a chip
// container too, and a restored chip goes back to being drawn by its container.
TEST_F(BoardPaintTest, ContainersDrawChipsAsTheyDrawThemselvesAtEveryDetailZoom) {
    for (const char *key : {"default/web-2", "default/batch-1", "default/queued-1"}) {
        PodChip *chip = m_scene->chip(QString::fromLatin1(key));
        ASSERT_NE(chip, nullptr) << key;
        for (qreal zoom : {0.75, 1.3, 1.7, 3.0}) {
            m_view->setZoom(zoom);
            m_view->centerOn(chip);
            EXPECT_LE(liftedDifference(chip), kTolerance) << key << " at zoom " << zoom;
        }
    }
    EXPECT_EQ(m_scene->containerOf(m_scene->chip(QStringLiteral("default/queued-1"))),
              static_cast<ChipContainer *>(m_scene->pendingLane()));
}

TEST_F(BoardPaintTest, SearchThatMissesTheChipDimsItsCardDrawing) {
    const QRect rect = ownRect();
    const QRgb bg = BoardPalette::card().rgb();
    const QImage plain = frame();
    const QRgb fill = centre(plain);
    ASSERT_LE(channelDiff(fill, m_chip->fill().rgb()), kTolerance);

    // "web-1" matches a neighbour on the same card (so the card itself stays lit), not web-2.
    m_scene->setFilter(QString(), QStringLiteral("web-1"));
    ASSERT_FALSE(m_chip->matched());
    ASSERT_TRUE(m_scene->chip(QStringLiteral("default/web-1"))->matched());
    const QImage missed = frame();
    const QRgb dimmed = centre(missed);
    EXPECT_LT(colourDistance(dimmed, bg), colourDistance(fill, bg) * 0.5)
        << "a chip the search misses is not faded towards the card";
    EXPECT_GT(colourDistance(dimmed, bg), 0.5) << "a missed chip faded out entirely";
    EXPECT_GT(countDiffering(plain.copy(rect), missed.copy(rect)),
              rect.width() * rect.height() / 4);

    // Faded by its card exactly as a lifted chip fades itself (the item's own opacity).
    EXPECT_LE(liftedDifference(m_chip), kTolerance) << "the card fades the chip differently";

    // A search that matches it draws it as without any search.
    m_scene->setFilter(QString(), QStringLiteral("web-2"));
    ASSERT_TRUE(m_chip->matched());
    const QImage again = frame();
    EXPECT_LE(maxDiff(plain.copy(rect), again.copy(rect)), kTolerance);
}

TEST_F(BoardPaintTest, SelectedChipShowsItsOutlineWhenDrawnByTheCard) {
    const QRect rect = ownRect();
    const QImage plain = frame();
    m_chip->setSelected(true);
    ASSERT_TRUE(m_card->holds(m_chip));
    const QImage selected = frame();

    // The outline runs along the rounded rect's edge (x = 0.8 in chip units): the middle of the
    // left edge turns the selection colour; the body's centre stays the fill.
    const QPoint edge = pixelAt(QPointF(0.8, PodChip::kSize / 2));
    const QRgb ring = BoardPalette::cardSelected().rgb();
    EXPECT_LE(channelDiff(selected.pixel(edge), ring), 8) << "no selection outline on the card";
    EXPECT_GT(channelDiff(plain.pixel(edge), ring), 8);
    EXPECT_LE(channelDiff(centre(selected), centre(plain)), kTolerance);
    // Only the border changed: no differing pixel inside the body, well clear of the outline's
    // rounded corners (radius 3.5) and of the restart badge over the upper right.
    const QRect inner = QRect(pixelAt(QPointF(3.5, 6.5)), pixelAt(QPointF(10, 10)));
    int border = 0, inside = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            if (channelDiff(plain.pixel(x, y), selected.pixel(x, y)) <= kTolerance)
                continue;
            (inner.contains(x, y) ? inside : border) += 1;
        }
    EXPECT_GT(border, 20);
    EXPECT_EQ(inside, 0);
}

} // namespace cox::console::testing
