// The control plane side against an in-process control plane and a fake node agent over real
// HTTPS (serving certificate from the cluster CA): the scraper reads /stats/summary with the API
// server's client certificate, metrics.k8s.io/v1beta1 serves NodeMetrics and PodMetrics with
// discovery, selectors and 404s, and the real kubectl top prints them.
#include "controlplane/control_plane.h"
#include "http/client.h"
#include "http/server.h"
#include "metrics/summary_format.h"
#include "process.h"

#include <gtest/gtest.h>

#include <mutex>

namespace cox::metrics {
namespace {

using agent::metrics::ContainerStats;
using agent::metrics::PodRef;
using agent::metrics::PodStats;
using agent::metrics::Summary;
using cox::testing::makeTempDir;
using cox::testing::readFile;
using cox::testing::removeTree;
using cox::testing::runCommand;
using cox::testing::waitUntil;
using Json = nlohmann::json;
using namespace std::chrono_literals;

// A node agent that answers /stats/summary with a fixed Summary and remembers who asked.
class FakeAgent {
public:
    FakeAgent(const std::string &pkiDir, Summary summary)
        : m_summary(std::move(summary)) {
        auto ssl =
            tls::makeServerContext(readFile(pkiDir + "/server.crt"),
                                   readFile(pkiDir + "/server.key"), readFile(pkiDir + "/ca.crt"));
        EXPECT_TRUE(ssl) << ssl.status().message();
        http::ServerConfig config;
        config.sslContext = *ssl;
        config.handler = [this](const http::Request &r, http::ResponseSink &sink) {
            std::lock_guard lock(m_mutex);
            m_callers.push_back(r.clientCertCommonName + " " + r.path);
            sink.send({200,
                       {{"Content-Type", "application/json"}},
                       agent::metrics::summaryJson(m_summary).dump()});
        };
        m_server = std::make_unique<http::Server>(std::move(config));
        EXPECT_TRUE(m_server->start());
    }
    uint16_t port() const { return m_server->port(); }
    void setSummary(Summary summary) {
        std::lock_guard lock(m_mutex);
        m_summary = std::move(summary);
    }
    std::vector<std::string> callers() const {
        std::lock_guard lock(m_mutex);
        return m_callers;
    }

private:
    Summary m_summary;
    std::unique_ptr<http::Server> m_server;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_callers;
};

agent::metrics::Usage usage(uint64_t nanoCores, uint64_t bytes) {
    agent::metrics::Usage u;
    u.time = std::chrono::system_clock::now();
    u.window = 5s;
    u.cpuNanoCores = nanoCores;
    u.memoryWorkingSetBytes = bytes;
    return u;
}

Summary fakeSummary(const std::string &node) {
    Summary s;
    s.nodeName = node;
    s.node = usage(1'250'000'000, 2ull << 30); // 1250m, 2 GiB
    s.nodeMemoryTotalBytes = 8ull << 30;
    PodStats web{PodRef{"default", "web", "u1", {}}, usage(300'000'000, 96 << 20), {}};
    web.containers = {ContainerStats{"app", usage(200'000'000, 64 << 20)},
                      ContainerStats{"sidecar", usage(100'000'000, 32 << 20)}};
    PodStats db{PodRef{"default", "db", "u2", {}}, usage(50'000'000, 128 << 20), {}};
    db.containers = {ContainerStats{"db", usage(50'000'000, 128 << 20)}};
    PodStats first{PodRef{"default", "fresh", "u3", {}}, {}, {}};
    first.containers = {ContainerStats{"app", {}}}; // no rate yet: must be left out
    s.pods = {web, db, first};
    return s;
}

class MetricsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = makeTempDir("cox-metrics-api-");
        controlplane::ControlPlaneConfig config;
        config.dataDir = m_dir + "/data";
        config.listenHost = "127.0.0.1";
        config.listenPort = 0;
        config.kubeconfigPath = m_dir + "/kubeconfig";
        config.metricsScrapeInterval = 200ms;
        config.controllers.hpa.syncPeriod = 200ms;
        auto plane = controlplane::ControlPlane::start(config);
        ASSERT_TRUE(plane) << plane.status().message();
        m_plane = std::move(*plane);
        http::ClientConfig cc;
        ASSERT_TRUE(http::Client::parseServerUrl(m_plane->serverUrl(), cc.host, cc.port));
        cc.caPem = m_plane->caPem();
        cc.bearerToken = m_plane->adminToken();
        auto client = http::Client::create(cc);
        ASSERT_TRUE(client);
        m_client = std::make_unique<http::Client>(std::move(*client));
        m_agent = std::make_unique<FakeAgent>(config.dataDir + "/pki", fakeSummary("node-a"));
    }
    void TearDown() override {
        m_agent.reset();
        m_client.reset();
        m_plane.reset();
        removeTree(m_dir);
    }
    http::Response call(const std::string &method, const std::string &path,
                        const Json &body = nullptr, const std::string &type = "application/json") {
        auto r = m_client->request(method, path, body.is_null() ? "" : body.dump(),
                                   {{"Content-Type", type}});
        EXPECT_TRUE(r) << r.status().message();
        return r ? *r : http::Response{599, {}, ""};
    }
    Json getJson(const std::string &path) {
        return Json::parse(call("GET", path).body, nullptr, false);
    }
    void addNode(const std::string &name, uint16_t port, bool ready = true) {
        Json node = {{"apiVersion", "v1"},
                     {"kind", "Node"},
                     {"metadata", {{"name", name}, {"labels", {{"zone", "z1"}}}}}};
        ASSERT_EQ(call("POST", "/api/v1/nodes", node).status, 201);
        Json status = {
            {"capacity", {{"cpu", "4"}, {"memory", "8Gi"}, {"pods", "110"}}},
            {"allocatable", {{"cpu", "4"}, {"memory", "8Gi"}, {"pods", "110"}}},
            {"addresses", {{{"type", "InternalIP"}, {"address", "127.0.0.1"}}}},
            {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", port}}}}},
            {"conditions",
             {{{"type", "Ready"}, {"status", ready ? "True" : "False"}, {"reason", "x"}}}}};
        ASSERT_EQ(call("PATCH", "/api/v1/nodes/" + name + "/status", {{"status", status}},
                       "application/merge-patch+json")
                      .status,
                  200);
    }
    void addPod(const std::string &name, const std::string &tier) {
        Json pod = {
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"labels", {{"tier", tier}}}}},
            {"spec",
             {{"nodeName", "node-a"}, {"containers", {{{"name", "app"}, {"image", "busybox"}}}}}}};
        ASSERT_EQ(call("POST", "/api/v1/namespaces/default/pods", pod).status, 201);
    }
    // Waits for a scrape round that saw node-a.
    bool scraped() {
        return waitUntil(
            [&] { return call("GET", "/apis/metrics.k8s.io/v1beta1/nodes/node-a").status == 200; },
            20s);
    }

    std::string m_dir;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<http::Client> m_client;
    std::unique_ptr<FakeAgent> m_agent;
};

TEST_F(MetricsApiTest, DiscoveryListsTheMetricsGroup) {
    Json groups = getJson("/apis");
    bool found = false;
    for (const Json &g : groups["groups"])
        found |= g["name"] == "metrics.k8s.io" &&
                 g["preferredVersion"]["groupVersion"] == "metrics.k8s.io/v1beta1";
    EXPECT_TRUE(found) << groups.dump();
    EXPECT_EQ(getJson("/apis/metrics.k8s.io")["kind"], "APIGroup");
    Json resources = getJson("/apis/metrics.k8s.io/v1beta1");
    ASSERT_EQ(resources["resources"].size(), 2u) << resources.dump();
    EXPECT_EQ(resources["resources"][0]["kind"], "NodeMetrics");
    EXPECT_EQ(resources["resources"][1]["kind"], "PodMetrics");
    EXPECT_EQ(resources["resources"][1]["namespaced"], true);
    EXPECT_EQ(getJson("/apis/apps")["kind"], "APIGroup") << "other groups are unchanged";
}

TEST_F(MetricsApiTest, NodeMetricsFromTheAgentsSummary) {
    addNode("node-a", m_agent->port());
    ASSERT_TRUE(scraped());
    Json node = getJson("/apis/metrics.k8s.io/v1beta1/nodes/node-a");
    EXPECT_EQ(node["kind"], "NodeMetrics");
    EXPECT_EQ(node["apiVersion"], "metrics.k8s.io/v1beta1");
    EXPECT_EQ(node["metadata"]["labels"]["zone"], "z1");
    EXPECT_EQ(node["usage"]["cpu"], "1250000000n");
    EXPECT_EQ(node["usage"]["memory"], "2097152Ki");
    EXPECT_EQ(node["window"], "5s");
    // The scraper presented the API server's client certificate.
    auto callers = m_agent->callers();
    ASSERT_FALSE(callers.empty());
    EXPECT_EQ(callers.front(), "system:kube-apiserver /stats/summary");

    Json list = getJson("/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=zone%3Dz1");
    EXPECT_EQ(list["kind"], "NodeMetricsList");
    EXPECT_EQ(list["items"].size(), 1u);
    list = getJson("/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=zone%3Dz2");
    EXPECT_EQ(list["items"].size(), 0u);
    EXPECT_EQ(call("GET", "/apis/metrics.k8s.io/v1beta1/nodes/nope").status, 404);
    EXPECT_EQ(call("DELETE", "/apis/metrics.k8s.io/v1beta1/nodes/node-a").status, 405);
}

TEST_F(MetricsApiTest, PodMetricsPerContainerWithSelectors) {
    addNode("node-a", m_agent->port());
    addPod("web", "front");
    addPod("db", "back");
    addPod("fresh", "front");
    ASSERT_TRUE(scraped());
    Json web = getJson("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web");
    EXPECT_EQ(web["kind"], "PodMetrics");
    EXPECT_EQ(web["metadata"]["namespace"], "default");
    ASSERT_EQ(web["containers"].size(), 2u) << web.dump();
    EXPECT_EQ(web["containers"][0]["name"], "app");
    EXPECT_EQ(web["containers"][0]["usage"]["cpu"], "200000000n");
    EXPECT_EQ(web["containers"][1]["usage"]["memory"], "32768Ki");

    Json all = getJson("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods");
    EXPECT_EQ(all["kind"], "PodMetricsList");
    EXPECT_EQ(all["items"].size(), 2u) << "the pod without a rate is left out: " << all.dump();
    Json front =
        getJson("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=tier%3Dfront");
    ASSERT_EQ(front["items"].size(), 1u);
    EXPECT_EQ(front["items"][0]["metadata"]["name"], "web");
    EXPECT_EQ(getJson("/apis/metrics.k8s.io/v1beta1/pods")["items"].size(), 2u);
    EXPECT_EQ(getJson("/apis/metrics.k8s.io/v1beta1/namespaces/other/pods")["items"].size(), 0u);
    EXPECT_EQ(call("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/fresh").status,
              404);
}

TEST_F(MetricsApiTest, NotReadyNodesAndNodesWithoutEndpointAreNotScraped) {
    addNode("node-a", m_agent->port(), false);
    addNode("node-b", 0);
    std::this_thread::sleep_for(1s); // several scrape rounds at 200 ms
    EXPECT_TRUE(m_agent->callers().empty());
    EXPECT_EQ(getJson("/apis/metrics.k8s.io/v1beta1/nodes")["items"].size(), 0u);
}

TEST_F(MetricsApiTest, AnonymousCallersAreRefused) {
    // The group goes through the API server's authentication like every other.
    http::ClientConfig cc;
    ASSERT_TRUE(http::Client::parseServerUrl(m_plane->serverUrl(), cc.host, cc.port));
    cc.caPem = m_plane->caPem();
    auto anonymous = http::Client::create(cc);
    ASSERT_TRUE(anonymous);
    auto r = anonymous->request("GET", "/apis/metrics.k8s.io/v1beta1/nodes");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
}

TEST_F(MetricsApiTest, TheAutoscalerScalesOnScrapedUsage) {
    addNode("node-a", m_agent->port());
    Json container = {
        {"name", "app"}, {"image", "busybox"}, {"resources", {{"requests", {{"cpu", "100m"}}}}}};
    Json deployment = {{"apiVersion", "apps/v1"},
                       {"kind", "Deployment"},
                       {"metadata", {{"name", "busy"}}},
                       {"spec",
                        {{"replicas", 1},
                         {"selector", {{"matchLabels", {{"app", "busy"}}}}},
                         {"template",
                          {{"metadata", {{"labels", {{"app", "busy"}}}}},
                           {"spec", {{"containers", {container}}}}}}}}};
    ASSERT_EQ(call("POST", "/apis/apps/v1/namespaces/default/deployments", deployment).status, 201);
    std::string podName;
    ASSERT_TRUE(waitUntil(
        [&] {
            Json pods = getJson("/api/v1/namespaces/default/pods?labelSelector=app%3Dbusy");
            if (!pods.contains("items") || pods["items"].empty())
                return false;
            podName = pods["items"][0]["metadata"]["name"];
            return true;
        },
        20s));
    // The agent reports the pod at 300m: three times its request, six times the 50% target.
    Summary summary = fakeSummary("node-a");
    PodStats busy{PodRef{"default", podName, "u9", {}}, usage(300'000'000, 1 << 20), {}};
    busy.containers = {ContainerStats{"app", usage(300'000'000, 1 << 20)}};
    summary.pods = {busy};
    m_agent->setSummary(summary);
    Json metric = {
        {"type", "Resource"},
        {"resource",
         {{"name", "cpu"}, {"target", {{"type", "Utilization"}, {"averageUtilization", 50}}}}}};
    Json hpa = {
        {"apiVersion", "autoscaling/v2"},
        {"kind", "HorizontalPodAutoscaler"},
        {"metadata", {{"name", "busy"}}},
        {"spec",
         {{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "busy"}}},
          {"minReplicas", 1},
          {"maxReplicas", 4},
          {"metrics", {metric}}}}};
    ASSERT_EQ(call("POST", "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers", hpa)
                  .status,
              201);
    Json last;
    EXPECT_TRUE(waitUntil(
        [&] {
            last = getJson("/apis/apps/v1/namespaces/default/deployments/busy");
            return last["spec"]["replicas"] == 4;
        },
        30s))
        << last.dump() << "\n"
        << getJson("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/busy").dump();
}

TEST_F(MetricsApiTest, KubectlTopNodesAndPods) {
    if (runCommand({"kubectl", "version", "--client"}, {}, 20s).exitCode != 0)
        GTEST_SKIP() << "needs kubectl";
    addNode("node-a", m_agent->port());
    addPod("web", "front");
    addPod("db", "back");
    ASSERT_TRUE(scraped());
    cox::testing::Env env = {{"HOME", m_dir}}; // a fresh discovery cache
    auto nodes =
        runCommand({"kubectl", "--kubeconfig", m_dir + "/kubeconfig", "top", "nodes"}, env, 60s);
    ASSERT_EQ(nodes.exitCode, 0) << (nodes.out + nodes.err);
    EXPECT_NE((nodes.out + nodes.err).find("node-a"), std::string::npos) << (nodes.out + nodes.err);
    EXPECT_NE((nodes.out + nodes.err).find("1250m"), std::string::npos) << (nodes.out + nodes.err);
    EXPECT_NE((nodes.out + nodes.err).find("2048Mi"), std::string::npos) << (nodes.out + nodes.err);
    auto pods =
        runCommand({"kubectl", "--kubeconfig", m_dir + "/kubeconfig", "top", "pods"}, env, 60s);
    ASSERT_EQ(pods.exitCode, 0) << (pods.out + pods.err);
    EXPECT_NE((pods.out + pods.err).find("web"), std::string::npos) << (pods.out + pods.err);
    EXPECT_NE((pods.out + pods.err).find("300m"), std::string::npos) << (pods.out + pods.err);
    EXPECT_NE((pods.out + pods.err).find("96Mi"), std::string::npos) << (pods.out + pods.err);
    auto containers = runCommand(
        {"kubectl", "--kubeconfig", m_dir + "/kubeconfig", "top", "pod", "web", "--containers"},
        env, 60s);
    ASSERT_EQ(containers.exitCode, 0) << (containers.out + containers.err);
    EXPECT_NE((containers.out + containers.err).find("sidecar"), std::string::npos)
        << (containers.out + containers.err);
}

} // namespace
} // namespace cox::metrics
