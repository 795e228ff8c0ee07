// Live usage on the board's node cards against real metrics: a control plane scraping (every
// 200 ms) a fake node agent's /stats/summary, the console's NodeUsagePoller listing
// metrics.k8s.io nodes. A card gets its node's usage once a sample arrives and draws it over its
// bars at a legible zoom; a node without a sample, and a cluster without the metrics API, get
// nothing drawn (not a zero). A self-contained fixture: the plane is started here.
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

am::Usage usage(uint64_t nanoCores, uint64_t bytes) {
    am::Usage u;
    u.time = std::chrono::system_clock::now();
    u.window = 5s;
    u.cpuNanoCores = nanoCores;
    u.memoryWorkingSetBytes = bytes;
    return u;
}

// node-a's agent: 1.25 cores and 2 GiB in use, stamped now on every scrape.
std::unique_ptr<http::Server> startAgent(const std::string &pkiDir) {
    auto ssl = tls::makeServerContext(cox::testing::readFile(pkiDir + "/server.crt"),
                                      cox::testing::readFile(pkiDir + "/server.key"),
                                      cox::testing::readFile(pkiDir + "/ca.crt"));
    EXPECT_TRUE(ssl) << ssl.status().message();
    if (!ssl)
        return nullptr;
    http::ServerConfig config;
    config.sslContext = *ssl;
    config.handler = [](const http::Request &, http::ResponseSink &sink) {
        am::Summary s;
        s.nodeName = "node-a";
        s.node = usage(1'250'000'000, 2ull << 30);
        s.nodeMemoryTotalBytes = 8ull << 30;
        sink.send({200, {{"Content-Type", "application/json"}}, am::summaryJson(s).dump()});
    };
    auto server = std::make_unique<http::Server>(std::move(config));
    EXPECT_TRUE(server->start());
    return server;
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

bool waitFor(const std::function<bool()> &probe, int timeoutMs = 20'000) {
    return QTest::qWaitFor(probe, timeoutMs);
}

class BoardUsageTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dataDir = cox::testing::makeTempDir("console-board-usage");
        controlplane::ControlPlaneConfig config;
        config.dataDir = m_dataDir;
        config.listenHost = "127.0.0.1";
        config.listenPort = 0;
        config.kubeconfigPath = m_dataDir + "/kubeconfig";
        config.metricsScrapeInterval = 200ms;
        config.controllers.nodeLifecycle.gracePeriod = 1h; // no Lease renewals: stay Ready
        auto plane = controlplane::ControlPlane::start(config);
        ASSERT_TRUE(plane) << plane.status().message();
        m_plane = std::move(*plane);
        http::ClientConfig client;
        client.port = m_plane->port();
        client.caPem = m_plane->caPem();
        client.bearerToken = m_plane->adminToken();
        auto c = http::Client::create(client);
        ASSERT_TRUE(c) << c.status().message();
        m_client = std::make_unique<http::Client>(std::move(*c));
    }
    void TearDown() override {
        m_window.reset();
        m_agent.reset();
        m_client.reset();
        if (m_plane)
            m_plane->stop();
        m_plane.reset();
        cox::testing::removeTree(m_dataDir);
    }
    int send(const std::string &method, const std::string &path, const Json &body,
             const std::string &type = "application/json") {
        auto r = m_client->request(method, path, body.dump(), {{"Content-Type", type}});
        EXPECT_TRUE(r) << r.status().message();
        return r ? r->status : 0;
    }
    // A Ready node whose kubelet endpoint is 127.0.0.1:`port` (1: nothing listens).
    void addNode(const std::string &name, uint16_t port) {
        Json resources = {{"cpu", "4"}, {"memory", "8Gi"}, {"pods", "110"}};
        Json node = {{"apiVersion", "v1"},
                     {"kind", "Node"},
                     {"metadata", {{"name", name}}},
                     {"status",
                      {{"capacity", resources},
                       {"allocatable", resources},
                       {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})}}}};
        ASSERT_EQ(send("POST", "/api/v1/nodes", node), 201);
        Json status = {{"addresses", {{{"type", "InternalIP"}, {"address", "127.0.0.1"}}}},
                       {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", port}}}}}};
        ASSERT_EQ(send("PATCH", "/api/v1/nodes/" + name + "/status", {{"status", status}},
                       "application/merge-patch+json"),
                  200);
    }
    void openWindow(const ClusterConnection &connection) {
        m_window = std::make_unique<MainWindow>();
        m_window->nodeUsagePoller()->setInterval(250);
        m_window->show();
        m_window->connectTo(connection);
    }
    ClusterConnection connection() const {
        ClusterConnection c;
        c.server = QUrl(QString::fromStdString(m_plane->serverUrl()));
        c.caPem = QByteArray::fromStdString(m_plane->caPem());
        c.token = QByteArray::fromStdString(m_plane->adminToken());
        c.name = QStringLiteral("test");
        return c;
    }

    std::string m_dataDir;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<http::Client> m_client;
    std::unique_ptr<http::Server> m_agent;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(BoardUsageTest, CardShowsUsageOnceASampleArrives) {
    m_agent = startAgent(m_dataDir + "/pki");
    ASSERT_TRUE(m_agent);
    addNode("node-a", m_agent->port());
    addNode("node-b", 1); // never scraped: no sample
    openWindow(connection());
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
    openWindow(plain);
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
