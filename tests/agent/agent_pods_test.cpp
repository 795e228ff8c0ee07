// Pods on a hollow node through the real control plane: a Deployment's pods run and become
// Ready with IPs from the node's CIDR; a deleted pod is torn down and removed; a node cannot
// touch another node's pod; a restarted agent adopts its pods; the agent rides out a control
// plane restart.
#include "agent/agent.h"
#include "cluster_fixture.h"
#include "hollow/hollow_runtime.h"

#include <set>

using namespace cox;
using namespace cox::agent;
using cox::agent::testing::ClusterFixture;

namespace {

struct AgentPodsTest : ClusterFixture {
    HollowRuntime runtime;
    std::unique_ptr<Agent> agent;

    void startAgent(const std::string &name = "pod-node") {
        AgentConfig config;
        config.serverUrl = m_serverUrl;
        config.joinToken = m_joinToken;
        config.dataDir = m_dir + "/" + name;
        config.node.name = name;
        config.node.leaseDuration = std::chrono::seconds(4);
        config.podCidrChanged = [this](const std::string &cidr) {
            runtime.setPodCidr(cidr);
        };
        auto started = Agent::start(std::move(config), runtime);
        ASSERT_TRUE(started) << started.status().message();
        agent = std::move(*started);
    }
    void TearDown() override {
        if (agent)
            agent->stop();
        ClusterFixture::TearDown();
    }
    static bool readyCondition(const Json &pod) {
        const Json conditions = pod.value("/status/conditions"_json_pointer, Json::array());
        for (const auto &c : conditions)
            if (c["type"] == "Ready")
                return c["status"] == "True";
        return false;
    }
    bool allReady(const std::string &app, size_t count) {
        auto pods = podsOf(app);
        if (pods.size() != count)
            return false;
        for (const auto &p : pods)
            if (p.value("/status/phase"_json_pointer, "") != "Running" || !readyCondition(p))
                return false;
        return true;
    }
};

} // namespace

TEST_F(AgentPodsTest, DeploymentPodsRunReadyWithIpsFromNodeCidr) {
    startAgent();
    createDeployment("web", 3);
    ASSERT_TRUE(eventually([&] { return allReady("web", 3); }, 30));
    const std::string cidr = agent->heartbeat().podCidr();
    const std::string prefix = cidr.substr(0, cidr.rfind(".0/24") + 1); // "10.42.N."
    std::set<std::string> ips;
    for (const auto &p : podsOf("web")) {
        const std::string ip = p["status"]["podIP"];
        EXPECT_EQ(ip.rfind(prefix, 0), 0u) << ip << " not in " << cidr;
        ips.insert(ip);
        EXPECT_EQ(p["status"]["hostIP"], "127.0.0.1");
        const Json &cs = p["status"]["containerStatuses"][0];
        EXPECT_TRUE(cs["state"].contains("running"));
        EXPECT_TRUE(cs["ready"].get<bool>());
        EXPECT_EQ(cs["image"], "registry.k8s.io/pause:3.9");
    }
    EXPECT_EQ(ips.size(), 3u);
    EXPECT_EQ(runtime.listSandboxes()->size(), 3u);
}

TEST_F(AgentPodsTest, DeletedPodIsTornDownAndRemoved) {
    startAgent();
    createDeployment("del", 1);
    ASSERT_TRUE(eventually([&] { return allReady("del", 1); }, 30));
    const std::string name = podsOf("del")[0]["metadata"]["name"];
    const std::string uid = podsOf("del")[0]["metadata"]["uid"];
    ASSERT_TRUE(admin().del("/api/v1/namespaces/default/pods/" + name));
    // The agent stops it, then deletes it for good; the ReplicaSet makes a replacement.
    ASSERT_TRUE(eventually([&] {
        auto p = admin().get("/api/v1/namespaces/default/pods/" + name);
        return !p && p.status().code() == StatusCode::NotFound;
    }));
    ASSERT_TRUE(eventually([&] {
        auto all = runtime.listSandboxes();
        for (const auto &sb : *all)
            if (sb.labels.at(kLabelPodUid) == uid)
                return false;
        return true;
    }));
    ASSERT_TRUE(eventually([&] { return allReady("del", 1); }, 30));
}

TEST_F(AgentPodsTest, NodeMayNotWriteAnotherNodesPod) {
    startAgent();
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", "elsewhere"}, {"namespace", "default"}}},
                {"spec",
                 {{"nodeName", "other-node"},
                  {"containers", {{{"name", "c"}, {"image", "registry.k8s.io/pause:3.9"}}}}}}};
    ASSERT_TRUE(admin().post("/api/v1/namespaces/default/pods", pod));
    auto patched = agent->api().patch("/api/v1/namespaces/default/pods/elsewhere/status",
                                      {{"status", {{"phase", "Running"}}}});
    EXPECT_EQ(patched.status().code(), StatusCode::Forbidden) << patched.status().message();
    auto deleted = agent->api().del("/api/v1/namespaces/default/pods/elsewhere");
    EXPECT_EQ(deleted.status().code(), StatusCode::Forbidden) << deleted.status().message();
    EXPECT_EQ(agent->pods().podCount(), 0u); // not ours: no worker
}

TEST_F(AgentPodsTest, RestartedAgentAdoptsRunningPods) {
    startAgent();
    createDeployment("adopt", 2);
    ASSERT_TRUE(eventually([&] { return allReady("adopt", 2); }, 30));
    const int created = runtime.sandboxesCreated();
    agent->stop();
    agent.reset();
    // A sandbox whose pod no longer exists must be cleaned up on adoption.
    SandboxConfig stray;
    stray.podUid = "no-such-pod";
    stray.podName = "gone";
    stray.podNamespace = "default";
    ASSERT_TRUE(runtime.runSandbox(stray));
    startAgent();
    ASSERT_TRUE(eventually(
        [&] { return agent->podWatch().listCount() > 0 && agent->pods().podCount() == 2; }));
    ASSERT_TRUE(eventually([&] { return runtime.listSandboxes()->size() == 2; }));
    EXPECT_EQ(runtime.sandboxesCreated(), created + 1); // only the stray one we made
    EXPECT_TRUE(allReady("adopt", 2));
    for (const auto &p : podsOf("adopt"))
        EXPECT_EQ(p["status"]["containerStatuses"][0]["restartCount"], 0);
}

TEST_F(AgentPodsTest, ReconnectsAfterControlPlaneRestart) {
    startAgent();
    createDeployment("survive", 1);
    ASSERT_TRUE(eventually([&] { return allReady("survive", 1); }, 30));
    const int lists = agent->podWatch().listCount();
    stopPlane();
    // Pods keep running while the server is away.
    EXPECT_EQ(runtime.listSandboxes()->size(), 1u);
    startPlane();
    ASSERT_TRUE(eventually([&] { return agent->podWatch().listCount() > lists; }, 30));
    // New work reaches the agent after the restart.
    createDeployment("after", 1);
    ASSERT_TRUE(eventually([&] { return allReady("after", 1); }, 40));
    EXPECT_TRUE(allReady("survive", 1));
}
