#include "cluster_fixture.h"

#include "process.h"

namespace cox::agent::testing {

void ClusterFixture::SetUp() {
    m_dir = cox::testing::makeTempDir("agent-test");
    m_port = static_cast<uint16_t>(cox::testing::freeLoopbackPort());
    startPlane();
}

void ClusterFixture::TearDown() {
    stopPlane();
    cox::testing::removeTree(m_dir);
}

void ClusterFixture::startPlane() {
    controlplane::ControlPlaneConfig config;
    config.dataDir = m_dir + "/master";
    config.listenHost = "127.0.0.1";
    config.listenPort = m_port;
    auto plane = controlplane::ControlPlane::start(config);
    ASSERT_TRUE(plane) << plane.status().message();
    m_plane = std::move(*plane);
    m_serverUrl = m_plane->serverUrl();
    m_joinToken = m_plane->joinToken();
    auto admin = ApiClient::create(m_serverUrl,
                                   Credentials{m_plane->caPem(), {}, {}, m_plane->adminToken()});
    ASSERT_TRUE(admin) << admin.status().message();
    m_admin = std::move(*admin);
}

void ClusterFixture::stopPlane() {
    m_admin.reset();
    if (m_plane)
        m_plane->stop();
    m_plane.reset();
}

bool ClusterFixture::eventually(const std::function<bool()> &probe, int seconds) {
    return cox::testing::waitUntil(probe, std::chrono::seconds(seconds));
}

void ClusterFixture::createDeployment(const std::string &name, int replicas) {
    Json d = {{"apiVersion", "apps/v1"},
              {"kind", "Deployment"},
              {"metadata", {{"name", name}, {"namespace", "default"}}},
              {"spec",
               {{"replicas", replicas},
                {"selector", {{"matchLabels", {{"app", name}}}}},
                {"template",
                 {{"metadata", {{"labels", {{"app", name}}}}},
                  {"spec",
                   {{"containers",
                     {{{"name", "app"},
                       {"image", "registry.k8s.io/pause:3.9"},
                       {"readinessProbe",
                        {{"exec", {{"command", {"true"}}}}, {"periodSeconds", 1}}}}}}}}}}}}};
    auto created = admin().post("/apis/apps/v1/namespaces/default/deployments", d);
    ASSERT_TRUE(created) << created.status().message();
}

std::vector<Json> ClusterFixture::podsOf(const std::string &labelApp) {
    auto list = admin().get("/api/v1/namespaces/default/pods?labelSelector=app%3D" + labelApp);
    if (!list || !(*list)["items"].is_array())
        return {};
    return (*list)["items"].get<std::vector<Json>>();
}

} // namespace cox::agent::testing
