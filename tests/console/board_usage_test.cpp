// Live usage on the board's node cards against real metrics: a control plane scraping (every
// 200 ms) a fake node agent's /stats/summary, the console's NodeUsagePoller listing
// metrics.k8s.io nodes. A card gets its node's usage once a sample arrives and draws it over its
// bars at a legible zoom; a node without a sample, and a cluster without the metrics API, get
// nothing drawn (not a zero).
#include "metrics_fixture.h"

#include "api/cluster_connection.h"
#include "board/board_palette.h"
#include "board/board_scene.h"
#include "board/node_card.h"
#include "charts/node_usage_poller.h"
#include "controlplane/control_plane.h"
#include "fake_api_server.h"
#include "http/client.h"
#include "http/server.h"
#include "main_window.h"
#include "metrics/summary_format.h"
#include "process.h"
#include "tls/ssl_context.h"

#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTest>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace cox::console::testing {

namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
namespace am = cox::agent::metrics;

// node-a's agent: 1.25 cores and 2 GiB in use, stamped now on every scrape.
std::unique_ptr<http::Server> startAgent(const std::string &pkiDir) {
    return serveWithClusterCertificate(pkiDir, [](const http::Request &, http::ResponseSink &sink) {
        am::Summary s;
        s.nodeName = "node-a";
        s.node = usageNow(1'250'000'000, 2ull << 30);
        s.nodeMemoryTotalBytes = 8ull << 30;
        sink.send({200, {{"Content-Type", "application/json"}}, am::summaryJson(s).dump()});
    });
}

// Pixels of the usage line's colour in a card painted at `lod`.
int usagePixels(NodeCard *card, qreal lod) {
    QImage image(QSize(int(card->width() * lod) + 2, int(card->height() * lod) + 2),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    painter.scale(lod, lod);
    QStyleOptionGraphicsItem option;
    option.exposedRect = card->boundingRect();
    card->paint(&painter, &option, nullptr);
    painter.end();
    const QRgb line = BoardPalette::actualUsage().rgb();
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += image.pixel(x, y) == line;
    return count;
}

class BoardUsageTest : public MetricsClusterFixture {
protected:
    void TearDown() override {
        m_window.reset();
        m_agent.reset();
        ClusterFixture::TearDown();
    }
    // A shown window on `connection`, polling usage every 250 ms.
    void openWindowOn(const ClusterConnection &connection) {
        m_window = std::make_unique<MainWindow>();
        m_window->nodeUsagePoller()->setInterval(250);
        m_window->show();
        m_window->connectTo(connection);
    }

    std::unique_ptr<http::Server> m_agent;
};

} // namespace

TEST_F(BoardUsageTest, CardShowsUsageOnceASampleArrives) {
    m_agent = startAgent(m_dataDir + "/pki");
    ASSERT_TRUE(m_agent);
    addNode("node-a", m_agent->port());
    addNode("node-b", 1); // never scraped: no sample
    openWindowOn(connection());
    BoardScene *scene = m_window->boardScene();
    ASSERT_TRUE(waitFor([&] { return scene->card("node-a") && scene->card("node-b"); }));
    NodeCard *a = scene->card("node-a");
    NodeCard *b = scene->card("node-b");
    ASSERT_TRUE(waitFor([&] { return a->usage().has_value(); }))
        << "lists read: " << m_window->nodeUsagePoller()->listsRead();
    EXPECT_NEAR(a->usage()->cpuCores, 1.25, 1e-6);
    EXPECT_NEAR(a->usage()->memoryBytes, double(2ull << 30), 1.0);
    EXPECT_TRUE(a->usage()->time.isValid());
    EXPECT_TRUE(a->toolTip().contains("in use")) << a->toolTip().toStdString();
    // Drawn at a legible zoom (a line on each bar), not when the bars are a few pixels tall.
    EXPECT_GT(usagePixels(a, 1.0), 40);
    EXPECT_EQ(usagePixels(a, 0.5), 0);

    // node-b has no sample: no usage, nothing drawn, though the list has been read since.
    const int read = m_window->nodeUsagePoller()->listsRead();
    ASSERT_TRUE(waitFor([&] { return m_window->nodeUsagePoller()->listsRead() > read; }));
    EXPECT_FALSE(b->usage().has_value());
    EXPECT_EQ(usagePixels(b, 1.0), 0);
    EXPECT_FALSE(b->toolTip().contains("in use"));
}

// An API server without metrics.k8s.io (FakeApiServer answers 404 to everything but nodes and
// pods): the poller says the API is absent and no card gets usage.
TEST_F(BoardUsageTest, ClusterWithoutMetricsApiDrawsNoUsage) {
    FakeClusterShape shape;
    shape.nodes = 3;
    shape.podsPerNode = 2;
    shape.streamSeconds = 0;
    FakeApiServer server(shape);
    const quint16 port = server.start();
    ASSERT_NE(port, 0);
    ClusterConnection plain;
    plain.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    openWindowOn(plain);
    BoardScene *scene = m_window->boardScene();
    ASSERT_TRUE(waitFor([&] { return scene->cardCount() == 3 && scene->chipCount() == 6; }));
    ASSERT_TRUE(waitFor([&] { return !m_window->nodeUsagePoller()->available(); }));
    EXPECT_TRUE(m_window->nodeUsagePoller()->usage().isEmpty());
    for (const QString name : {"node-0000", "node-0001", "node-0002"}) {
        ASSERT_TRUE(scene->card(name));
        EXPECT_FALSE(scene->card(name)->usage().has_value());
        EXPECT_EQ(usagePixels(scene->card(name), 1.0), 0);
    }
    m_window.reset(); // before the server goes
}

} // namespace cox::console::testing
