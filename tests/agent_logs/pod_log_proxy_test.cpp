// The API server's pods/log proxy: an in-process ApiServer over a memory store behind a real
// HTTPS server, and a LogServer on loopback acting as node-1's agent.
#include "log_test_env.h"

#include "apiserver/api_server.h"
#include "auth/user.h"
#include "common/clock.h"
#include "http/client.h"
#include "http/server.h"
#include "model/resource_type.h"
#include "store/store.h"
#include "tls/ssl_context.h"

namespace cox::apiserver {
namespace {

using namespace std::chrono_literals;
using Json = model::Json;
using agent::logs::testing::LogNodeEnv;

class PodLogProxyTest : public ::testing::Test {
protected:
    void SetUp() override { start(true); }
    void TearDown() override {
        if (m_http)
            m_http->stop();
    }

    void start(bool withCredentials) {
        if (m_http)
            m_http->stop();
        auto opened = store::openStore("memory://");
        ASSERT_TRUE(opened);
        m_store = std::move(*opened);
        ApiServerOptions options;
        options.store = m_store.get();
        options.clock = &m_clock;
        options.advertiseAddress = "127.0.0.1";
        options.authenticate = [](const http::Request &) -> Result<auth::UserInfo> {
            return auth::UserInfo{"admin", {auth::kGroupMasters}};
        };
        if (withCredentials)
            options.nodeClientCredentials = [this]() -> Result<NodeClientCredentials> {
                if (m_credentials)
                    return *m_credentials;
                return NodeClientCredentials{m_node.ca.cert.toPem(), m_node.apiServer.cert.toPem(),
                                             m_node.apiServer.key.toPem()};
            };
        m_api = std::make_unique<ApiServer>(std::move(options));
        ASSERT_TRUE(m_api->bootstrap().isOk());
        auto serving =
            *tls::issueCertificate(m_node.ca, "apiserver", {"127.0.0.1"}, tls::Usage::Server, 1h);
        http::ServerConfig config;
        config.sslContext = *tls::makeServerContext(serving.cert.toPem(), serving.key.toPem());
        config.handler = [this](const http::Request &r, http::ResponseSink &s) {
            m_api->handle(r, s);
        };
        m_http = std::make_unique<http::Server>(std::move(config));
        ASSERT_TRUE(m_http->start().isOk());
        addNode("node-1", m_node.server->port());
    }

    void addNode(const std::string &name, int port) {
        CallContext ctx;
        ctx.user = {"admin", {auth::kGroupMasters}};
        const auto &nodes = *model::findResource("", "v1", "nodes");
        Json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", name}}}};
        auto created = m_api->resources().create(nodes, "", node, ctx);
        ASSERT_TRUE(created) << created.status().message();
        Json status = *created;
        status["status"]["addresses"] =
            Json::array({{{"type", "Hostname"}, {"address", name}},
                         {{"type", "InternalIP"}, {"address", "127.0.0.1"}}});
        status["status"]["daemonEndpoints"]["kubeletEndpoint"]["Port"] = port;
        auto updated = m_api->resources().updateStatus(nodes, "", name, status, ctx);
        ASSERT_TRUE(updated) << updated.status().message();
    }

    void addPod(const std::string &name, const std::vector<std::string> &containers,
                const std::string &node = "node-1") {
        Json pod = {{"apiVersion", "v1"},
                    {"kind", "Pod"},
                    {"metadata", {{"name", name}, {"namespace", "default"}}},
                    {"spec", {{"containers", Json::array()}}}};
        for (const auto &c : containers)
            pod["spec"]["containers"].push_back({{"name", c}, {"image", "busybox"}});
        if (!node.empty())
            pod["spec"]["nodeName"] = node;
        CallContext ctx;
        ctx.user = {"admin", {auth::kGroupMasters}};
        auto created =
            m_api->resources().create(*model::findResource("", "v1", "pods"), "default", pod, ctx);
        ASSERT_TRUE(created) << created.status().message();
    }

    http::Client client() {
        http::ClientConfig c;
        c.port = m_http->port();
        c.caPem = m_node.ca.cert.toPem();
        c.bearerToken = "admin-token";
        c.requestTimeout = 10s;
        auto made = http::Client::create(c);
        EXPECT_TRUE(made) << made.status().message();
        return std::move(*made);
    }

    http::Response get(const std::string &target) {
        auto c = client();
        auto r = c.request("GET", target);
        EXPECT_TRUE(r) << r.status().message();
        return r ? *r : http::Response{0, {}, {}};
    }

    static std::string message(const http::Response &r) {
        return Json::parse(r.body, nullptr, false).value("message", "<" + r.body + ">");
    }

    LogNodeEnv m_node;
    std::optional<NodeClientCredentials> m_credentials; // overrides the defaults
    FakeClock m_clock;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<ApiServer> m_api;
    std::unique_ptr<http::Server> m_http;
};

TEST_F(PodLogProxyTest, TailLinesComesFromTheNode) {
    addPod("x", {"app"});
    auto r = get("/api/v1/namespaces/default/pods/x/log?tailLines=2");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body, "beta\ngamma\n");
    r = get("/api/v1/namespaces/default/pods/x/log?container=app&timestamps=true&limitBytes=36");
    EXPECT_EQ(r.body, "2026-11-28T10:00:01.000000001Z alpha");
}

TEST_F(PodLogProxyTest, FollowStreamsLinesAppendedLater) {
    addPod("x", {"app"});
    auto c = client();
    auto stream = c.stream("GET", "/api/v1/namespaces/default/pods/x/log?follow=true&tailLines=1");
    ASSERT_TRUE(stream) << stream.status().message();
    auto first = (*stream)->nextLine(10s);
    ASSERT_TRUE(first && *first);
    EXPECT_EQ(**first, "gamma");
    agent::logs::testing::appendFile(m_node.logPath, agent::logs::testing::criLine(9, "later"));
    auto next = (*stream)->nextLine(10s);
    ASSERT_TRUE(next && *next) << (next ? "ended" : next.status().message());
    EXPECT_EQ(**next, "later");
    (*stream)->close();
    // The client left: the proxy notices and drops its connection to the agent.
    EXPECT_TRUE(
        cox::testing::waitUntil([&] { return m_node.server->connectionCount() == 0; }, 10s));
}

TEST_F(PodLogProxyTest, NodeRefusesCallersOtherThanTheApiServer) {
    auto other = *tls::issueCertificate(m_node.ca, "someone", {}, tls::Usage::Client, 1h);
    m_credentials =
        NodeClientCredentials{m_node.ca.cert.toPem(), other.cert.toPem(), other.key.toPem()};
    addPod("x", {"app"});
    auto r = get("/api/v1/namespaces/default/pods/x/log");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body.find("alpha"), std::string::npos);
}

TEST_F(PodLogProxyTest, NodeWithAForeignServingCertificateIsNotTrusted) {
    auto otherCa = *tls::createCa("other", 1h);
    m_credentials = NodeClientCredentials{otherCa.cert.toPem(), m_node.apiServer.cert.toPem(),
                                          m_node.apiServer.key.toPem()};
    addPod("x", {"app"});
    auto r = get("/api/v1/namespaces/default/pods/x/log");
    EXPECT_EQ(r.status, 503);
    EXPECT_NE(message(r).find("cannot reach the node agent"), std::string::npos) << r.body;
}

TEST_F(PodLogProxyTest, ContainerSelectionErrorsMatchKubernetes) {
    addPod("multi", {"a", "b"});
    auto r = get("/api/v1/namespaces/default/pods/multi/log");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(message(r), "a container name must be specified for pod multi, choose one of: [a b]");
    r = get("/api/v1/namespaces/default/pods/multi/log?container=c");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(message(r), "container c is not valid for pod multi");
    Json pod = {{"metadata", {{"name", "p"}}},
                {"spec",
                 {{"containers", Json::array({{{"name", "a"}}, {{"name", "b"}}})},
                  {"initContainers", Json::array({{{"name", "init"}}})}}}};
    EXPECT_EQ(PodLogProxy::pickContainer(pod, "").status().message(),
              "a container name must be specified for pod p, choose one of: [a b] or one of the "
              "init containers: [init]");
    EXPECT_EQ(*PodLogProxy::pickContainer(pod, "init"), "init");
}

TEST_F(PodLogProxyTest, UnboundPodAndMissingPod) {
    addPod("pending", {"app"}, "");
    auto r = get("/api/v1/namespaces/default/pods/pending/log");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(message(r), "pod pending does not have a host assigned");
    r = get("/api/v1/namespaces/default/pods/ghost/log");
    EXPECT_EQ(r.status, 404);
}

TEST_F(PodLogProxyTest, NodeErrorsArePassedOn) {
    addPod("y", {"app"}); // the node's resolver knows only pod x
    auto r = get("/api/v1/namespaces/default/pods/y/log");
    EXPECT_EQ(r.status, 404);
}

TEST_F(PodLogProxyTest, WithoutCredentialsLogsAreUnavailable) {
    start(false);
    addPod("x", {"app"});
    auto r = get("/api/v1/namespaces/default/pods/x/log");
    EXPECT_EQ(r.status, 503);
    EXPECT_NE(message(r).find("no client credentials"), std::string::npos) << r.body;
}

TEST(PodLogProxyUnitTest, NodeEndpointAndTarget) {
    std::string host;
    uint16_t port = 0;
    Json node = {
        {"metadata", {{"name", "n"}}},
        {"status",
         {{"addresses", Json::array({{{"type", "InternalIP"}, {"address", "10.0.0.5"}}})}}}};
    ASSERT_TRUE(PodLogProxy::nodeEndpoint(node, host, port).isOk());
    EXPECT_EQ(host, "10.0.0.5");
    EXPECT_EQ(port, 10250);
    http::Request request;
    request.query = {
        {"sinceTime", "2026-11-28T10:00:00+01:00"}, {"follow", "true"}, {"container", "app"}};
    EXPECT_EQ(PodLogProxy::agentTarget(request, "ns", "p", "app"),
              "/containerLogs/ns/p/app?follow=true&sinceTime=2026-11-28T10%3A00%3A00%2B01%3A00");
}

} // namespace
} // namespace cox::apiserver
