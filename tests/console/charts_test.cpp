// The inspector's usage charts against real metrics: a control plane scraping (every 200 ms) a
// fake node agent that serves /stats/summary over HTTPS with the cluster's serving certificate,
// metrics.k8s.io/v1beta1 answering the console's polls. The node chart gets points for the
// node and its pods' sum and the allocatable line; the pod chart its pod's usage; a node whose
// agent was never scraped says there are no metrics instead of drawing a chart.
#include "metrics_fixture.h"

#include "api/api_client.h"
#include "api/cluster_session.h"
#include "charts/metrics_poller.h"
#include "charts/usage_chart.h"
#include "charts/usage_panel.h"
#include "console_style.h"
#include "http/server.h"
#include "inspector/inspector_panel.h"
#include "main_window.h"
#include "metrics/summary_format.h"
#include "models/cluster_model.h"
#include "models/event_list_model.h"
#include "panels/events_panel.h"
#include "panels/lists_panel.h"
#include "panels/workloads_table.h"
#include "process.h"
#include "tls/ssl_context.h"

#include <QTabWidget>

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QSet>
#include <QTableView>

#include <cmath>

namespace cox::console::testing {

namespace {

using namespace std::chrono_literals;
namespace am = cox::agent::metrics;

// A node agent's /stats/summary: node-a at 1.25 cores and 2 GiB, its pod "web" at 0.3 cores
// and 96 MiB, stamped "now" on every request so each scrape is a new sample. `wave` makes the
// node's usage move (for the screenshot), its pod at 70% of it.
class FakeAgent {
public:
    explicit FakeAgent(const std::string &pkiDir, bool wave = false) {
        m_server = serveWithClusterCertificate(
            pkiDir, [wave](const http::Request &, http::ResponseSink &sink) {
                am::Summary s;
                s.nodeName = "node-a";
                s.node = usageNow(1'250'000'000, 2ull << 30);
                s.nodeMemoryTotalBytes = 8ull << 30;
                uint64_t podCpu = 300'000'000, podMemory = 96ull << 20;
                if (wave) {
                    const double t = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
                    const double cores = 1.7 + 0.8 * std::sin(t / 2.0) + 0.25 * std::sin(t * 1.9);
                    const double gib = 3.1 + 0.5 * std::sin(t / 5.0);
                    s.node = usageNow(uint64_t(cores * 1e9), uint64_t(gib * double(1ull << 30)));
                    podCpu = uint64_t(cores * 0.7e9);
                    podMemory = uint64_t((gib - 1.2) * double(1ull << 30));
                }
                am::PodStats web{am::PodRef{"default", "web", "u1", {}},
                                 usageNow(podCpu, podMemory),
                                 {am::ContainerStats{"app", usageNow(podCpu, podMemory)}}};
                s.pods = {web};
                sink.send({200, {{"Content-Type", "application/json"}}, am::summaryJson(s).dump()});
            });
        EXPECT_TRUE(m_server);
    }
    uint16_t port() const { return m_server ? m_server->port() : 0; }

private:
    std::unique_ptr<http::Server> m_server;
};

class ChartsTest : public MetricsClusterFixture {
protected:
    void TearDown() override {
        m_window.reset();
        m_agent.reset();
        ClusterFixture::TearDown();
    }
    void addPod(const std::string &name, const std::string &node) {
        Json pod = {
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec",
             {{"nodeName", node},
              {"containers",
               {{{"name", "app"},
                 {"image", "busybox"},
                 {"resources", {{"requests", {{"cpu", "500m"}, {"memory", "128Mi"}}}}}}}}}}};
        ASSERT_EQ(call("POST", "/api/v1/namespaces/default/pods", pod).first, 201);
    }
    void openWindow() {
        ClusterFixture::openWindow([](MainWindow *window) {
            window->inspector()->usagePanel()->poller()->setInterval(250);
        });
    }
    std::unique_ptr<FakeAgent> m_agent;
};

} // namespace

TEST_F(ChartsTest, NodeChartGetsPointsFromTheMetricsApi) {
    m_agent = std::make_unique<FakeAgent>(m_dataDir + "/pki");
    addNode("node-a", m_agent->port());
    addPod("web", "node-a");
    openWindow();
    ASSERT_TRUE(waitFor([&] { return m_window->clusterModel()->nodes().contains("node-a"); }));
    m_window->selectOnBoard(QString(), "node-a");
    InspectorPanel *inspector = m_window->inspector();
    ASSERT_EQ(inspector->shownKind(), "Node");
    UsagePanel *usage = inspector->usagePanel();
    EXPECT_TRUE(inspector->tabs()->isTabVisible(inspector->tabs()->indexOf(usage)));
    EXPECT_EQ(usage->poller()->target(), "node/node-a");
    ASSERT_TRUE(waitFor([&] {
        return usage->cpuChart()->usagePointCount() >= 2 &&
               usage->cpuChart()->podsPointCount() >= 1;
    })) << usage->statusText().toStdString();
    EXPECT_TRUE(usage->chartsShown());
    EXPECT_NEAR(usage->cpuChart()->lastUsage(), 1.25, 1e-6);
    EXPECT_NEAR(usage->memoryChart()->lastUsage(), 2.0, 1e-6); // GiB, allocatable is 8Gi
    const QVector<UsageSample> samples = usage->poller()->history();
    ASSERT_GE(samples.size(), 2);
    EXPECT_LT(samples.front().time, samples.back().time); // one point per scrape, in order
    EXPECT_NEAR(samples.back().podsCpuCores, 0.3, 1e-6);
    EXPECT_NEAR(samples.back().podsMemoryBytes, double(96ull << 20), 1.0);

    // Leaving the node stops the polling.
    m_window->boardScene()->clearSelection();
    EXPECT_EQ(usage->poller()->state(), MetricsPoller::State::Idle);
}

TEST_F(ChartsTest, PodChartShowsItsUsageAgainstItsRequests) {
    m_agent = std::make_unique<FakeAgent>(m_dataDir + "/pki");
    addNode("node-a", m_agent->port());
    addPod("web", "node-a");
    openWindow();
    ASSERT_TRUE(waitFor([&] { return m_window->clusterModel()->pods().contains("default/web"); }));
    m_window->selectOnBoard("default/web", QString());
    UsagePanel *usage = m_window->inspector()->usagePanel();
    EXPECT_EQ(usage->poller()->target(), "pod/default/web");
    ASSERT_TRUE(waitFor([&] { return usage->cpuChart()->usagePointCount() >= 2; }))
        << usage->statusText().toStdString();
    EXPECT_NEAR(usage->cpuChart()->lastUsage(), 0.3, 1e-6);
    EXPECT_NEAR(usage->memoryChart()->lastUsage(), 96.0, 1e-6); // MiB
}

TEST_F(ChartsTest, NodeWithoutMetricsSaysSoInsteadOfAChart) {
    addNode("node-b", 1); // nothing listens: never scraped
    openWindow();
    ASSERT_TRUE(waitFor([&] { return m_window->clusterModel()->nodes().contains("node-b"); }));
    m_window->selectOnBoard(QString(), "node-b");
    UsagePanel *usage = m_window->inspector()->usagePanel();
    ASSERT_TRUE(waitFor([&] { return usage->poller()->state() == MetricsPoller::State::NoSample; }))
        << usage->statusText().toStdString();
    EXPECT_FALSE(usage->chartsShown());
    EXPECT_TRUE(usage->statusText().startsWith("No metrics for this node yet"))
        << usage->statusText().toStdString();
}

// An API server without metrics.k8s.io (404 for everything, as a cluster without
// metrics-server answers): the panel says the cluster serves no metrics API.
TEST_F(ChartsTest, ClusterWithoutMetricsApiSaysSo) {
    auto server = serveWithClusterCertificate(
        m_dataDir + "/pki", [](const http::Request &, http::ResponseSink &sink) {
            sink.send({404,
                       {{"Content-Type", "application/json"}},
                       R"({"kind":"Status","status":"Failure","reason":"NotFound","code":404})"});
        });
    ASSERT_TRUE(server);
    ClusterConnection without = connection();
    without.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server->port()));
    ApiClient api(without);
    UsagePanel panel;
    panel.setApi(&api);
    panel.showNode("node-a", QJsonObject());
    ASSERT_TRUE(waitFor([&] {
        return panel.poller()->state() == MetricsPoller::State::Unavailable;
    })) << panel.statusText().toStdString();
    EXPECT_FALSE(panel.chartsShown());
    EXPECT_TRUE(panel.statusText().contains("does not serve the metrics API"))
        << panel.statusText().toStdString();
    panel.stop();
}

// The inspector with a node's charts and the lists beside the events dock, rendered with the
// console's dark style; checked to be charts and tables (many colours, points, rows). With
// COX_WRITE_SCREENSHOT=1 written to docs/screenshots/inspector-node.png and events.png, after
// 25 s of samples so the charts have a shape.
TEST_F(ChartsTest, InspectorChartsAndEventsDockRender) {
    const bool write = qEnvironmentVariableIntValue("COX_WRITE_SCREENSHOT") == 1;
    m_agent = std::make_unique<FakeAgent>(m_dataDir + "/pki", /*wave=*/true);
    addNode("node-a", m_agent->port());
    addNode("node-b", 1); // no agent: refused at once, the scrape rounds stay short
    addPod("web", "node-a");
    createDeployment("api", 3, "250m");
    createDeployment("worker", 2, "500m");
    call("POST", "/api/v1/namespaces/default/services",
         Json{{"metadata", {{"name", "api"}}},
              {"spec",
               {{"type", "NodePort"},
                {"selector", {{"app", "api"}}},
                {"ports", Json::array({{{"port", 80}, {"targetPort", 8080}}})}}}});
    ConsoleStyle::apply(*qApp); // as coxswain's main() does, before the charts pick a theme
    m_window = std::make_unique<MainWindow>();
    m_window->inspector()->usagePanel()->poller()->setInterval(250);
    m_window->resize(1600, 1000);
    m_window->show();
    m_window->connectTo(connection());
    ASSERT_TRUE(waitFor([&] { return m_window->clusterModel()->nodes().contains("node-a"); }));
    auto *inspectorDock = m_window->findChild<QDockWidget *>("inspectorDock");
    m_window->resizeDocks({inspectorDock}, {560}, Qt::Horizontal);
    m_window->resizeDocks({m_window->eventsDock()}, {300}, Qt::Vertical);
    m_window->selectOnBoard(QString(), "node-a");
    InspectorPanel *inspector = m_window->inspector();
    inspector->tabs()->setCurrentWidget(inspector->usagePanel());
    UsagePanel *usage = inspector->usagePanel();
    const int points = write ? 40 : 8; // timestamps have seconds: a point a second
    ASSERT_TRUE(waitFor([&] { return usage->cpuChart()->usagePointCount() >= points; }, 60'000))
        << usage->statusText().toStdString() << " " << usage->cpuChart()->usagePointCount();
    // A kubelet's complaints, newest of all when the pictures are taken.
    auto kubeletEvents = [&] {
        const std::string now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
        int n = 0;
        for (const auto &[type, reason, message] :
             std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"Warning", "BackOff", "Back-off restarting failed container app in pod web"},
                 {"Warning", "FailedMount", "MountVolume.SetUp failed for volume \"config\""},
                 {"Normal", "Pulled", "Container image \"busybox:1.36\" already present"}})
            call("POST", "/api/v1/namespaces/default/events",
                 Json{{"metadata", {{"name", "web." + std::to_string(++n)}}},
                      {"involvedObject",
                       {{"kind", "Pod"}, {"namespace", "default"}, {"name", "web"}}},
                      {"type", type},
                      {"reason", reason},
                      {"message", message},
                      {"count", n},
                      {"lastTimestamp", now}});
    };
    kubeletEvents();
    m_window->listsPanel()->tabs()->setCurrentWidget(m_window->listsPanel()->workloadsTable());
    ASSERT_TRUE(waitFor([&] {
        return m_window->listsPanel()->eventModel()->eventsAbout("Pod", "default", "web").size() ==
               3;
    }));

    const QImage charts = inspectorDock->grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < charts.height(); y += 2)
        for (int x = 0; x < charts.width(); x += 2)
            colours.insert(charts.pixel(x, y));
    EXPECT_GT(colours.size(), 40); // lines, legend, labels: not a blank panel
    QRect bottom = m_window->findChild<QDockWidget *>("listsDock")->geometry();
    bottom = bottom.united(m_window->eventsDock()->geometry());
    const QPixmap docks = m_window->grab(bottom);
    EXPECT_FALSE(docks.isNull());
    if (!write)
        return;
    QDir().mkpath(COX_SCREENSHOT_DIR);
    EXPECT_TRUE(charts.save(COX_SCREENSHOT_DIR "/inspector-node.png"));
    EXPECT_TRUE(docks.save(COX_SCREENSHOT_DIR "/events.png"));
}

} // namespace cox::console::testing
