// Service proxy system tests (root): the generated rules applied with iptables-restore inside a
// namespace "machine" with a pod bridge and pod namespaces running TCP backends. Proves that a
// ClusterIP spreads over every ready backend and never reaches an unready one, that a backend
// turning unready stops receiving traffic, NodePort from outside the machine and from the
// machine itself, hairpin, ClientIP affinity, fast refusal without endpoints, idempotent apply
// and pod egress masquerade.
#include "dns/dns_server.h"
#include "dns/resolv_conf.h"
#include "net_fixture.h"
#include "network/iptables_applier.h"
#include "network/masquerade_rules.h"
#include "object_builders.h"
#include "proxy/service_rule_set.h"
#include "tcp_test_server.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

namespace cox::agent::proxy {
namespace {

using namespace agent::testing;

struct ProxyWorld {
    std::unique_ptr<cox::testing::TestBridge> lan;
    std::unique_ptr<cox::testing::TestMachine> machine;
    std::unique_ptr<PodBridge> bridge;
    std::vector<std::unique_ptr<TestPod>> pods; // p1 p2 p3 client
    std::vector<std::unique_ptr<TcpTestServer>> servers;
    std::unique_ptr<network::IptablesApplier> proxy;
    std::unique_ptr<network::IptablesApplier> masquerade;
    std::string failure;
};

ProxyWorld *g_world = nullptr;

std::vector<model::Service> services() {
    return {
        makeService("default", "web")
            .clusterIp("10.96.0.10")
            .type("NodePort")
            .port("http", 80, 8080, 30080),
        makeService("default", "solo").clusterIp("10.96.0.11").port("http", 80, 8080),
        makeService("default", "sticky").clusterIp("10.96.0.12").affinity().port("http", 80, 8080),
        makeService("default", "empty").clusterIp("10.96.0.13").port("http", 80, 8080)};
}

std::vector<model::Endpoints> endpoints(std::vector<std::string> webReady,
                                        std::vector<std::string> webUnready) {
    auto web = makeEndpoints("default", "web").port("http", 8080);
    for (const auto &ip : webReady)
        web.ready(ip);
    for (const auto &ip : webUnready)
        web.notReady(ip);
    return {web, makeEndpoints("default", "solo").ready("10.244.1.11").port("http", 8080),
            makeEndpoints("default", "sticky")
                .ready("10.244.1.11")
                .ready("10.244.1.12")
                .ready("10.244.1.13")
                .port("http", 8080),
            makeEndpoints("default", "empty").notReady("10.244.1.13").port("http", 8080)};
}

ProxyConfig proxyConfig() {
    ProxyConfig config;
    config.clusterCidr = "10.244.0.0/16";
    return config;
}

Status applyWeb(std::vector<std::string> ready, std::vector<std::string> unready) {
    return g_world->proxy->apply(
        ServiceRuleSet::build(services(), endpoints(ready, unready), proxyConfig()));
}

// name -> count over `count` requests from `netns`; every peer address seen lands in `peers`.
std::map<std::string, int> spread(const std::string &netns, const std::string &ip, int port,
                                  int count, std::map<std::string, int> *peers = nullptr) {
    std::map<std::string, int> names;
    inNetns(netns, [&] {
        for (int i = 0; i < count; ++i) {
            auto result = tcpRequest(ip, port);
            std::string response = result.response;
            auto space = response.find(' ');
            ++names[space == std::string::npos ? "(" + std::to_string(result.error) + ")"
                                               : response.substr(0, space)];
            if (peers && space != std::string::npos)
                ++(*peers)[response.substr(space + 1, response.find('\n') - space - 1)];
        }
    });
    return names;
}

class ProxySystemTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!cox::testing::canCreateNetworks())
            return;
        g_world = new ProxyWorld;
        auto &w = *g_world;
        w.lan = std::make_unique<cox::testing::TestBridge>(11);
        w.machine = std::make_unique<cox::testing::TestMachine>(*w.lan, 2);
        if (!w.lan->ok() || !w.machine->ok()) {
            w.failure = "test LAN";
            return;
        }
        w.bridge = std::make_unique<PodBridge>(w.machine->netns(), "cox0", "10.244.1.1");
        for (const char *ip : {"10.244.1.11", "10.244.1.12", "10.244.1.13", "10.244.1.20"})
            w.pods.push_back(std::make_unique<TestPod>(*w.bridge, ip));
        for (int i = 0; i < 3; ++i)
            w.servers.push_back(std::make_unique<TcpTestServer>(w.pods[i]->netns(), 8080,
                                                                "p" + std::to_string(i + 1)));
        bool ok = w.bridge->ok();
        for (auto &pod : w.pods)
            ok = ok && pod->ok();
        for (auto &server : w.servers)
            ok = ok && server->ok();
        if (!ok)
            w.failure = "pods";
        network::CommandRunner runner({"ip", "netns", "exec", w.machine->netns()});
        w.proxy = std::make_unique<network::IptablesApplier>(runner, ServiceRuleSet::ownedChains());
        w.masquerade = std::make_unique<network::IptablesApplier>(
            runner, network::MasqueradeRules::ownedChains());
    }

    static void TearDownTestSuite() {
        if (!g_world)
            return;
        if (g_world->proxy)
            (void)g_world->proxy->removeAll(ServiceRuleSet::jumps());
        g_world->servers.clear();
        g_world->pods.clear();
        delete g_world;
        g_world = nullptr;
    }

    void SetUp() override {
        if (!g_world)
            GTEST_SKIP() << "needs root and iproute2 (network namespaces)";
        ASSERT_EQ(g_world->failure, "") << "setting up the test machine failed";
        ASSERT_TRUE(applyWeb({"10.244.1.11", "10.244.1.12"}, {"10.244.1.13"}).isOk())
            << g_world->proxy->lastPayload();
    }

    const std::string &client() { return g_world->pods[3]->netns(); }
};

TEST_F(ProxySystemTest, ClusterIpSpreadsOverReadyBackendsOnly) {
    std::map<std::string, int> peers;
    auto names = spread(client(), "10.96.0.10", 80, 40, &peers);
    EXPECT_GT(names["p1"], 0);
    EXPECT_GT(names["p2"], 0);
    EXPECT_EQ(names["p3"], 0) << "p3 is not ready";
    EXPECT_EQ(names["p1"] + names["p2"], 40);
    EXPECT_EQ(peers["10.244.1.20"], 40) << "pod-to-service traffic keeps the pod's source";
}

TEST_F(ProxySystemTest, BackendTurningUnreadyStopsReceivingTraffic) {
    ASSERT_TRUE(applyWeb({"10.244.1.12", "10.244.1.13"}, {"10.244.1.11"}).isOk());
    auto names = spread(client(), "10.96.0.10", 80, 40);
    EXPECT_EQ(names["p1"], 0);
    EXPECT_GT(names["p2"], 0);
    EXPECT_GT(names["p3"], 0);
}

TEST_F(ProxySystemTest, NodePortAnswersFromOutsideAndFromTheNode) {
    std::map<std::string, int> peers;
    auto outside = spread("", g_world->machine->address(), 30080, 10, &peers);
    EXPECT_EQ(outside["p1"] + outside["p2"], 10);
    EXPECT_EQ(peers["10.244.1.1"], 10) << "off-node clients are masqueraded to the node";
    auto local = spread(g_world->machine->netns(), g_world->machine->address(), 30080, 5);
    EXPECT_EQ(local["p1"] + local["p2"], 5);
    auto clusterIpFromNode = spread(g_world->machine->netns(), "10.96.0.10", 80, 5);
    EXPECT_EQ(clusterIpFromNode["p1"] + clusterIpFromNode["p2"], 5);
}

TEST_F(ProxySystemTest, HairpinReachesThePodItself) {
    std::map<std::string, int> peers;
    auto names = spread(g_world->pods[0]->netns(), "10.96.0.11", 80, 3, &peers);
    EXPECT_EQ(names["p1"], 3);
    EXPECT_EQ(peers["10.244.1.1"], 3) << "hairpin traffic is masqueraded to the gateway";
}

TEST_F(ProxySystemTest, ClientIpAffinityKeepsOneBackend) {
    auto names = spread(client(), "10.96.0.12", 80, 15);
    ASSERT_EQ(names.size(), 1u);
    EXPECT_EQ(names.begin()->second, 15);
    EXPECT_NE(names.begin()->first[0], '(') << "connections succeeded";
}

TEST_F(ProxySystemTest, ServiceWithoutReadyEndpointsRefusesAtOnce) {
    TcpResult result;
    inNetns(client(), [&] { result = tcpRequest("10.96.0.13", 80, {}, 3000); });
    EXPECT_FALSE(result.connected);
    EXPECT_EQ(result.error, ECONNREFUSED);
}

TEST_F(ProxySystemTest, ApplyIsIdempotentAndRemovable) {
    auto save = [] {
        std::string out;
        for (const char *table : {"nat", "filter"})
            out += cox::testing::runCommand(g_world->machine->exec({"iptables-save", "-t", table}))
                       .out;
        std::string kept;
        for (size_t at = 0; at < out.size();) {
            size_t end = out.find('\n', at);
            std::string line = out.substr(at, end - at);
            if (!line.empty() && line[0] != '#')
                kept += line + "\n";
            at = end == std::string::npos ? out.size() : end + 1;
        }
        return kept;
    };
    std::string before = save();
    ASSERT_TRUE(applyWeb({"10.244.1.11", "10.244.1.12"}, {"10.244.1.13"}).isOk());
    EXPECT_EQ(save(), before);
    EXPECT_EQ(g_world->proxy->lastChangedChains(), 0u) << "nothing changed, nothing rewritten";
    // Someone flushes our chain: the periodic full apply repairs it.
    ASSERT_TRUE(cox::testing::runCommand(
                    g_world->machine->exec({"iptables", "-t", "nat", "-F", "COX-SERVICES"}))
                    .exitCode == 0);
    ASSERT_TRUE(applyWeb({"10.244.1.11", "10.244.1.12"}, {"10.244.1.13"}).isOk());
    EXPECT_NE(save(), before) << "a minimal apply trusts its memory";
    ASSERT_TRUE(
        g_world->proxy
            ->apply(ServiceRuleSet::build(
                        services(), endpoints({"10.244.1.11", "10.244.1.12"}, {"10.244.1.13"}),
                        proxyConfig()),
                    true)
            .isOk());
    EXPECT_EQ(save(), before);
    // One endpoint more: only web's service chain and the new endpoint chain are written.
    ASSERT_TRUE(applyWeb({"10.244.1.11", "10.244.1.12", "10.244.1.13"}, {}).isOk());
    EXPECT_EQ(g_world->proxy->lastChangedChains(), 2u) << g_world->proxy->lastPayload();
    ASSERT_TRUE(applyWeb({"10.244.1.11", "10.244.1.12"}, {"10.244.1.13"}).isOk());
    EXPECT_EQ(save(), before) << "the removed endpoint's chain is deleted";
    size_t jumps = 0;
    for (size_t at = before.find("-A PREROUTING -j COX-SERVICES"); at != std::string::npos;
         at = before.find("-A PREROUTING -j COX-SERVICES", at + 1))
        ++jumps;
    EXPECT_EQ(jumps, 1u);
    // A deleted service's chains go with the next apply.
    auto fewer = services();
    fewer.resize(1);
    ASSERT_TRUE(
        g_world->proxy
            ->apply(ServiceRuleSet::build(fewer, endpoints({"10.244.1.11"}, {}), proxyConfig()))
            .isOk());
    std::string after = save();
    EXPECT_EQ(after.find("10.96.0.11"), std::string::npos);
    EXPECT_LT(std::count(after.begin(), after.end(), '\n'),
              std::count(before.begin(), before.end(), '\n'));
    ASSERT_TRUE(g_world->proxy->removeAll(ServiceRuleSet::jumps()).isOk());
    EXPECT_EQ(save().find("COX-"), std::string::npos);
}

TEST_F(ProxySystemTest, PodEgressIsMasqueradedToTheNode) {
    auto &w = *g_world;
    ASSERT_TRUE(w.masquerade
                    ->apply(network::MasqueradeRules::build(
                        {"10.244.1.0/24", "10.244.0.0/16", proxyConfig().masqueradeMark}))
                    .isOk());
    int port = cox::testing::freeLoopbackPort();
    TcpTestServer outside("", port, "host");
    ASSERT_TRUE(outside.ok());
    std::map<std::string, int> peers;
    auto names = spread(client(), w.lan->hostAddress(), port, 2, &peers);
    EXPECT_EQ(names["host"], 2);
    EXPECT_EQ(peers[w.machine->address()], 2);
    ASSERT_TRUE(w.masquerade->removeAll(network::MasqueradeRules::build({}).jumps).isOk());
}

TEST_F(ProxySystemTest, PodsResolveServicesThroughTheClusterDns) {
    auto &w = *g_world;
    // The node's upstream: a DNS server on the LAN's host side serving example.org.
    dns::DnsServerOptions upstreamOptions;
    upstreamOptions.listenAddress = w.lan->hostAddress();
    upstreamOptions.port = 0;
    dns::DnsServer upstream(upstreamOptions);
    auto zone = std::make_shared<dns::DnsRecordTable>("example.org");
    zone->addA("www.example.org", "93.184.216.34");
    upstream.setRecords(zone);
    ASSERT_TRUE(upstream.start().isOk());
    // The cluster DNS on the node's pod gateway, its sockets made inside the machine.
    dns::DnsServerOptions options;
    options.listenAddress = w.bridge->gateway();
    options.port = 53;
    options.upstreams = {w.lan->hostAddress() + ":" + std::to_string(upstream.port())};
    dns::DnsServer clusterDns(options);
    clusterDns.setRecords(std::make_shared<dns::DnsRecordTable>(
        dns::DnsRecordTable::build(services(), endpoints({"10.244.1.11", "10.244.1.12"}, {}))));
    Status started;
    inNetns(w.machine->netns(), [&] { started = clusterDns.start(); });
    ASSERT_TRUE(started.isOk()) << started.message();
    // `ip netns exec` bind-mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf.
    std::string etc = "/etc/netns/" + client();
    std::filesystem::create_directories(etc);
    cox::testing::writeFile(etc + "/resolv.conf",
                            dns::ResolvConf::podContent(w.bridge->gateway(), "default"));
    auto lookup = [&](const std::string &name) {
        auto out =
            cox::testing::runCommand({"ip", "netns", "exec", client(), "getent", "ahostsv4", name},
                                     {}, std::chrono::seconds(15))
                .out;
        return out.substr(0, out.find(' '));
    };
    std::string shortName = lookup("web");
    std::string withNamespace = lookup("web.default");
    std::string full = lookup("web.default.svc.cluster.local");
    std::string external = lookup("www.example.org");
    std::filesystem::remove_all(etc);
    EXPECT_EQ(shortName, "10.96.0.10");
    EXPECT_EQ(withNamespace, "10.96.0.10");
    EXPECT_EQ(full, "10.96.0.10");
    EXPECT_EQ(external, "93.184.216.34") << "other names go to the node's resolver";
    EXPECT_GE(clusterDns.forwarded(), 1u);
    auto names = spread(client(), shortName, 80, 10);
    EXPECT_EQ(names["p1"] + names["p2"], 10) << "the name leads to the service";
}

} // namespace
} // namespace cox::agent::proxy
