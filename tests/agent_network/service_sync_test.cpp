// ServiceSync against an in-process control plane over real HTTPS: DNS records follow Services
// as they are created and deleted (no root needed); with root, the proxy rules and host-gw
// routes follow Services, Endpoints and Nodes inside a throwaway network namespace.
#include "agent/service_sync.h"
#include "controlplane/control_plane.h"
#include "dns/dns_server.h"
#include "dns_test_client.h"
#include "net_fixture.h"
#include "network/route_applier.h"
#include "process.h"

#include <gtest/gtest.h>

#include <unistd.h>

namespace cox::agent {
namespace {

using cox::testing::runCommand;
using cox::testing::waitUntil;

class ServiceSyncTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = cox::testing::makeTempDir("service-sync");
        controlplane::ControlPlaneConfig config;
        config.dataDir = m_dir + "/master";
        config.listenHost = "127.0.0.1";
        config.listenPort = static_cast<uint16_t>(cox::testing::freeLoopbackPort());
        auto plane = controlplane::ControlPlane::start(config);
        ASSERT_TRUE(plane) << plane.status().message();
        m_plane = std::move(*plane);
        auto api = ApiClient::create(m_plane->serverUrl(),
                                     Credentials{m_plane->caPem(), {}, {}, m_plane->adminToken()});
        ASSERT_TRUE(api) << api.status().message();
        m_api = std::move(*api);
    }

    void TearDown() override {
        m_api.reset();
        if (m_plane)
            m_plane->stop();
        cox::testing::removeTree(m_dir);
    }

    // Creates a Service (the API server allocates the ClusterIP) and returns that IP.
    std::string createService(const std::string &name, Json selector = nullptr) {
        Json spec = {{"ports", {{{"name", "http"}, {"port", 80}, {"targetPort", 8080}}}}};
        if (!selector.is_null())
            spec["selector"] = selector;
        Json svc = {{"apiVersion", "v1"},
                    {"kind", "Service"},
                    {"metadata", {{"name", name}, {"namespace", "default"}}},
                    {"spec", spec}};
        auto created = m_api->post("/api/v1/namespaces/default/services", svc);
        EXPECT_TRUE(created) << created.status().message();
        return created ? created->value("/spec/clusterIP"_json_pointer, "") : "";
    }

    std::string m_dir;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<ApiClient> m_api;
};

TEST_F(ServiceSyncTest, DnsRecordsFollowServices) {
    dns::DnsServerOptions dnsOptions;
    dnsOptions.port = 0;
    dns::DnsServer server(dnsOptions);
    ASSERT_TRUE(server.start().isOk());
    ServiceSyncOptions options;
    options.nodeName = "n1";
    options.proxy = options.routes = options.masquerade = false;
    ServiceSync sync(*m_api, options, &server);
    sync.start();
    std::string ip = createService("web");
    ASSERT_FALSE(ip.empty());
    auto resolves = [&](const std::string &expected) {
        auto reply = agent::testing::queryUdp("127.0.0.1", server.port(),
                                              "web.default.svc.cluster.local", 1, 1000);
        return expected.empty() ? reply.rcode == 3
                                : reply.addresses == std::vector<std::string>{expected};
    };
    EXPECT_TRUE(waitUntil([&] { return resolves(ip); }, std::chrono::seconds(20)));
    ASSERT_EQ(sync.services().size(), 2u) << "web and the API's own kubernetes service";
    ASSERT_TRUE(m_api->del("/api/v1/namespaces/default/services/web"));
    EXPECT_TRUE(waitUntil([&] { return resolves(""); }, std::chrono::seconds(20)));
    EXPECT_TRUE(sync.lastStatus().isOk());
}

TEST_F(ServiceSyncTest, ProxyRulesAndRoutesFollowTheApi) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root for a network namespace";
    std::string netns = "coxsync" + std::to_string(::getpid());
    ASSERT_TRUE(agent::testing::runIn("", {"ip", "netns", "add", netns}));
    struct Cleanup {
        std::string netns;
        ~Cleanup() { agent::testing::runIn("", {"ip", "netns", "del", netns}); }
    } cleanup{netns};
    // A LAN for the other node's address, so a route via it is valid.
    // A veth pair rather than a dummy link: the dummy module is not loaded on every machine.
    ASSERT_TRUE(agent::testing::runIn(
        netns, {"ip", "link", "add", "lan0", "type", "veth", "peer", "name", "lan1"}));
    ASSERT_TRUE(
        agent::testing::runIn(netns, {"ip", "addr", "add", "192.168.77.1/24", "dev", "lan0"}));
    ASSERT_TRUE(agent::testing::runIn(netns, {"ip", "link", "set", "lan0", "up"}));
    for (const char *name : {"n1", "n2"}) {
        Json node = {
            {"apiVersion", "v1"},
            {"kind", "Node"},
            {"metadata", {{"name", name}}},
            {"status",
             {{"addresses",
               {{{"type", "InternalIP"},
                 {"address", std::string("192.168.77.") + (name[1] == '1' ? "1" : "2")}}}}}}};
        auto created = m_api->post("/api/v1/nodes", node);
        ASSERT_TRUE(created) << created.status().message();
        if (created->value("/status/addresses"_json_pointer, Json::array()).empty()) {
            (*created)["status"] = node["status"];
            ASSERT_TRUE(m_api->put(std::string("/api/v1/nodes/") + name + "/status", *created));
        }
    }
    std::string n2Cidr;
    ASSERT_TRUE(waitUntil(
        [&] {
            auto n2 = m_api->get("/api/v1/nodes/n2");
            n2Cidr = n2 ? n2->value("/spec/podCIDR"_json_pointer, "") : "";
            return !n2Cidr.empty();
        },
        std::chrono::seconds(20)));
    std::string ip = createService("web");
    Json endpoints = {{"apiVersion", "v1"},
                      {"kind", "Endpoints"},
                      {"metadata", {{"name", "web"}, {"namespace", "default"}}},
                      {"subsets",
                       {{{"addresses", {{{"ip", "10.244.9.5"}}}},
                         {"notReadyAddresses", {{{"ip", "10.244.9.6"}}}},
                         {"ports", {{{"name", "http"}, {"port", 8080}}}}}}}};
    ASSERT_TRUE(m_api->post("/api/v1/namespaces/default/endpoints", endpoints));

    ServiceSyncOptions options;
    options.nodeName = "n1";
    options.podCidr = "10.244.1.0/24";
    options.clusterCidr = "10.244.0.0/16";
    options.commandPrefix = {"ip", "netns", "exec", netns};
    ServiceSync sync(*m_api, options);
    sync.start();
    auto natRules = [&] {
        return runCommand({"ip", "netns", "exec", netns, "iptables-save", "-t", "nat"}).out;
    };
    EXPECT_TRUE(waitUntil(
        [&] {
            auto rules = natRules();
            return rules.find("-d " + ip + "/32") != std::string::npos &&
                   rules.find("10.244.9.5:8080") != std::string::npos;
        },
        std::chrono::seconds(20)))
        << natRules();
    EXPECT_EQ(natRules().find("10.244.9.6"), std::string::npos) << "not ready";
    network::RouteApplier routes(network::CommandRunner({"ip", "netns", "exec", netns}));
    auto routed = [&] {
        auto now = routes.current();
        return now && *now == std::vector<network::NodeRoute>{{n2Cidr, "192.168.77.2"}};
    };
    EXPECT_TRUE(waitUntil(routed, std::chrono::seconds(20)));

    ASSERT_TRUE(m_api->del("/api/v1/nodes/n2"));
    EXPECT_TRUE(waitUntil(
        [&] {
            auto now = routes.current();
            return now && now->empty();
        },
        std::chrono::seconds(20)));
    ASSERT_TRUE(m_api->del("/api/v1/namespaces/default/services/web"));
    EXPECT_TRUE(waitUntil([&] { return natRules().find(ip + "/32") == std::string::npos; },
                          std::chrono::seconds(20)));
    EXPECT_NE(natRules().find("COX-EGRESS"), std::string::npos) << "pod egress masquerade";
    sync.stop();
}

} // namespace
} // namespace cox::agent
