// Being a node: the Node is registered with its capacity, addresses, labels, node info and
// conditions; the Lease is renewed; the IPAM controller's pod CIDR reaches the agent.
#include "agent/agent.h"
#include "cluster_fixture.h"
#include "hollow/hollow_runtime.h"

using namespace cox;
using namespace cox::agent;
using cox::agent::testing::ClusterFixture;

namespace {

struct AgentNodeTest : ClusterFixture {
    HollowRuntime runtime;
    std::unique_ptr<Agent> agent;

    void startAgent(const std::string &name) {
        AgentConfig config;
        config.serverUrl = m_serverUrl;
        config.joinToken = m_joinToken;
        config.dataDir = m_dir + "/" + name;
        config.node.name = name;
        config.node.leaseDuration = std::chrono::seconds(4); // renew every second
        config.node.labels = {{"tier", "test"}};
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
    Json node(const std::string &name) {
        auto n = admin().get("/api/v1/nodes/" + name);
        return n ? *n : Json();
    }
};

std::string conditionStatus(const Json &node, const std::string &type) {
    const Json conditions = node.value("/status/conditions"_json_pointer, Json::array());
    for (const auto &c : conditions)
        if (c["type"] == type)
            return c["status"];
    return "";
}

} // namespace

TEST_F(AgentNodeTest, RegistersNodeWithExpectedFields) {
    startAgent("worker-1");
    ASSERT_TRUE(eventually([&] { return !node("worker-1").is_null(); }));
    ASSERT_TRUE(eventually([&] { return conditionStatus(node("worker-1"), "Ready") == "True"; }));
    Json n = node("worker-1");
    const Json &labels = n["metadata"]["labels"];
    EXPECT_EQ(labels["kubernetes.io/hostname"], "worker-1");
    EXPECT_EQ(labels["kubernetes.io/os"], "linux");
    EXPECT_FALSE(labels["kubernetes.io/arch"].get<std::string>().empty());
    EXPECT_EQ(labels["tier"], "test");
    EXPECT_EQ(n["status"]["capacity"]["pods"], "110");
    EXPECT_FALSE(n["status"]["capacity"]["cpu"].get<std::string>().empty());
    EXPECT_NE(n["status"]["capacity"]["memory"].get<std::string>().find("Ki"), std::string::npos);
    EXPECT_EQ(n["status"]["nodeInfo"]["containerRuntimeVersion"], "hollow://0.1.0");
    EXPECT_EQ(n["status"]["nodeInfo"]["kubeletVersion"], kKubeletVersion);
    EXPECT_EQ(n["status"]["nodeInfo"]["operatingSystem"], "linux");
    EXPECT_FALSE(n["status"]["nodeInfo"]["kernelVersion"].get<std::string>().empty());
    bool internal = false;
    for (const auto &a : n["status"]["addresses"])
        internal = internal || (a["type"] == "InternalIP" && a["address"] == "127.0.0.1");
    EXPECT_TRUE(internal) << n["status"]["addresses"].dump();
    for (const char *c : {"MemoryPressure", "DiskPressure", "PIDPressure"})
        EXPECT_EQ(conditionStatus(n, c), "False") << c;
}

TEST_F(AgentNodeTest, RenewsLeaseAndGetsPodCidr) {
    startAgent("worker-2");
    const std::string lease = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/";
    std::string first;
    ASSERT_TRUE(eventually([&] {
        auto l = admin().get(lease + "worker-2");
        if (l)
            first = (*l)["spec"]["renewTime"];
        return l.isOk();
    }));
    ASSERT_TRUE(eventually([&] {
        auto l = admin().get(lease + "worker-2");
        return l && (*l)["spec"]["renewTime"] != first;
    }));
    ASSERT_TRUE(eventually([&] { return !agent->heartbeat().podCidr().empty(); }));
    const std::string cidr = agent->heartbeat().podCidr();
    EXPECT_EQ(cidr.rfind("10.42.", 0), 0u);
    EXPECT_EQ(cidr.substr(cidr.size() - 3), "/24");
    EXPECT_EQ(node("worker-2")["spec"]["podCIDR"], cidr);
}

TEST_F(AgentNodeTest, ExistingNodeIsUpdatedNotDuplicated) {
    ASSERT_TRUE(admin().post(
        "/api/v1/nodes",
        {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "worker-3"}}}}));
    startAgent("worker-3");
    ASSERT_TRUE(eventually([&] { return conditionStatus(node("worker-3"), "Ready") == "True"; }));
    EXPECT_EQ(node("worker-3")["metadata"]["labels"]["kubernetes.io/hostname"], "worker-3");
}
