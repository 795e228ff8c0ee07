// ClusterApi against an in-process control plane over HTTPS: what a drain evicts.
#include "bootstrap/cluster_api.h"
#include "controlplane/control_plane.h"
#include "http/client.h"
#include "process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace cox::bootstrap {
namespace {

class ClusterApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = cox::testing::makeTempDir("cox-capi");
        controlplane::ControlPlaneConfig config;
        config.dataDir = m_dir;
        config.listenHost = "127.0.0.1";
        config.listenPort = 0;
        config.storeUri = "memory://";
        auto plane = controlplane::ControlPlane::start(config);
        ASSERT_TRUE(plane) << plane.status().message();
        m_plane = std::move(*plane);
        m_access = {m_plane->serverUrl(), m_plane->caPem(), m_plane->adminToken(), {}};
        auto api = ClusterApi::connect(m_access, m_access.serverUrl);
        ASSERT_TRUE(api) << api.status().message();
        m_api = std::move(*api);
    }
    void TearDown() override {
        m_api.reset();
        m_plane.reset();
        cox::testing::removeTree(m_dir);
    }
    // A pod bound to node n1; `owner` is an ownerReferences entry or null.
    void createPod(const std::string &name, const nlohmann::json &owner) {
        nlohmann::json pod = {
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec",
             {{"nodeName", "n1"}, {"containers", {{{"name", "c"}, {"image", "busybox"}}}}}}};
        if (!owner.is_null())
            pod["metadata"]["ownerReferences"] = {owner};
        http::ClientConfig c;
        ASSERT_TRUE(http::Client::parseServerUrl(m_access.serverUrl, c.host, c.port));
        c.caPem = m_access.caPem;
        c.bearerToken = m_access.adminToken;
        auto client = http::Client::create(std::move(c));
        ASSERT_TRUE(client);
        auto r = client->request("POST", "/api/v1/namespaces/default/pods", pod.dump(),
                                 {{"Content-Type", "application/json"}});
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 201) << r->body;
    }

    std::string m_dir;
    ClusterAccess m_access;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<ClusterApi> m_api;
};

TEST_F(ClusterApiTest, DrainLeavesDaemonSetPodsAlone) {
    createPod("web", nullptr);
    createPod("agent-ds", {{"apiVersion", "apps/v1"},
                           {"kind", "DaemonSet"},
                           {"name", "node-agent"},
                           {"uid", "8d6a7c2e-0000-4000-8000-000000000001"},
                           {"controller", true}});
    createPod("web-rs", {{"apiVersion", "apps/v1"},
                         {"kind", "ReplicaSet"},
                         {"name", "web-1"},
                         {"uid", "8d6a7c2e-0000-4000-8000-000000000002"},
                         {"controller", true}});
    auto pods = m_api->podsOnNode("n1");
    ASSERT_TRUE(pods) << pods.status().message();
    EXPECT_EQ(*pods, (std::vector<std::string>{"default/web", "default/web-rs"}));
}

} // namespace
} // namespace cox::bootstrap
