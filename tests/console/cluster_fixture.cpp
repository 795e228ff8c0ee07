#include "cluster_fixture.h"

#include "api/cluster_session.h"
#include "board/board_scene.h"
#include "board/pod_chip.h"
#include "controlplane/control_plane.h"
#include "http/client.h"
#include "main_window.h"
#include "models/resource_caches.h"
#include "process.h"

#include <QTest>

namespace cox::console::testing {

ClusterFixture::ClusterFixture() = default;
ClusterFixture::~ClusterFixture() = default;

void ClusterFixture::SetUp() {
    m_dataDir = cox::testing::makeTempDir("console-test");
    startPlane(0);
}

void ClusterFixture::TearDown() {
    m_window.reset();
    stopPlane();
    cox::testing::removeTree(m_dataDir);
}

void ClusterFixture::startPlane(uint16_t port) {
    controlplane::ControlPlaneConfig config;
    config.dataDir = m_dataDir;
    config.listenHost = "127.0.0.1";
    config.listenPort = port;
    config.kubeconfigPath = m_dataDir + "/kubeconfig";
    configurePlane(config);
    auto plane = controlplane::ControlPlane::start(config);
    ASSERT_TRUE(plane) << plane.status().message();
    m_plane = std::move(*plane);
    m_port = m_plane->port();
    http::ClientConfig client;
    client.port = m_port;
    client.caPem = m_plane->caPem();
    client.bearerToken = m_plane->adminToken();
    auto c = http::Client::create(client);
    ASSERT_TRUE(c) << c.status().message();
    m_client = std::make_unique<http::Client>(std::move(*c));
}

void ClusterFixture::stopPlane() {
    m_client.reset();
    if (m_plane)
        m_plane->stop();
    m_plane.reset();
}

ClusterConnection ClusterFixture::connection() const {
    ClusterConnection c;
    c.server = QUrl(QString::fromStdString(m_plane->serverUrl()));
    c.caPem = QByteArray::fromStdString(m_plane->caPem());
    c.token = QByteArray::fromStdString(m_plane->adminToken());
    c.name = QStringLiteral("test");
    return c;
}

std::pair<int, Json> ClusterFixture::call(const std::string &method, const std::string &path,
                                          const Json &body, const std::string &contentType) {
    http::Headers headers;
    if (!body.is_null())
        headers["Content-Type"] = contentType;
    auto r = m_client->request(method, path, body.is_null() ? std::string() : body.dump(), headers);
    EXPECT_TRUE(r) << method << " " << path << ": " << r.status().message();
    if (!r)
        return {0, nullptr};
    return {r->status, Json::parse(r->body, nullptr, false)};
}

void ClusterFixture::createNode(const std::string &name, const std::string &cpu,
                                const std::string &memory, bool ready) {
    Json resources = {{"cpu", cpu}, {"memory", memory}, {"pods", "110"}};
    Json node = {{"apiVersion", "v1"},
                 {"kind", "Node"},
                 {"metadata", {{"name", name}, {"labels", {{"kubernetes.io/hostname", name}}}}},
                 {"status",
                  {{"capacity", resources},
                   {"allocatable", resources},
                   {"conditions",
                    Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"}}})}}}};
    auto [status, body] = call("POST", "/api/v1/nodes", node);
    ASSERT_EQ(status, 201) << body.dump();
}

void ClusterFixture::createDeployment(const std::string &name, int replicas, const std::string &cpu,
                                      const std::string &ns) {
    Json container = {{"name", "main"},
                      {"image", "busybox:1.36"},
                      {"resources", {{"requests", {{"cpu", cpu}, {"memory", "64Mi"}}}}}};
    Json deployment = {{"apiVersion", "apps/v1"},
                       {"kind", "Deployment"},
                       {"metadata", {{"name", name}, {"namespace", ns}}},
                       {"spec",
                        {{"replicas", replicas},
                         {"selector", {{"matchLabels", {{"app", name}}}}},
                         {"template",
                          {{"metadata", {{"labels", {{"app", name}}}}},
                           {"spec", {{"containers", Json::array({container})}}}}}}}};
    auto [status, body] =
        call("POST", "/apis/apps/v1/namespaces/" + ns + "/deployments", deployment);
    ASSERT_EQ(status, 201) << body.dump();
}

void ClusterFixture::setPodPhase(const std::string &ns, const std::string &name,
                                 const std::string &phase, int restarts) {
    Json patch = {{"status",
                   {{"phase", phase},
                    {"containerStatuses", Json::array({{{"name", "main"},
                                                        {"ready", phase == "Running"},
                                                        {"restartCount", restarts},
                                                        {"image", "busybox:1.36"},
                                                        {"imageID", ""}}})}}}};
    auto [status, body] = call("PATCH", "/api/v1/namespaces/" + ns + "/pods/" + name + "/status",
                               patch, "application/merge-patch+json");
    EXPECT_EQ(status, 200) << body.dump();
}

void ClusterFixture::openWindow(const std::function<void(MainWindow *)> &beforeConnect) {
    m_window = std::make_unique<MainWindow>();
    if (beforeConnect)
        beforeConnect(m_window.get());
    m_window->connectTo(connection());
    ASSERT_TRUE(waitFor([&] { return m_window->session() && m_window->session()->synced(); }));
    ASSERT_TRUE(waitFor([&] { return m_window->resourceCaches()->discovered(); }));
}

bool ClusterFixture::waitFor(const std::function<bool()> &probe, int timeoutMs) {
    return QTest::qWaitFor(probe, timeoutMs);
}

} // namespace cox::console::testing

namespace cox::console::testing {

int liveChips(const BoardScene *scene) {
    int live = 0;
    for (QGraphicsItem *item : scene->items())
        if (item->type() == PodChipType && !static_cast<PodChip *>(item)->view().terminating)
            ++live;
    return live;
}

} // namespace cox::console::testing
