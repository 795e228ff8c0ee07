// ServiceRuleSet on plain data: spreading probabilities, ready-only endpoints, session affinity,
// NodePort, hairpin and masquerade marks, rejects, determinism; IptablesRuleSet rendering.
#include "object_builders.h"
#include "proxy/chain_names.h"
#include "proxy/service_rule_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace cox::agent::proxy {
namespace {

using testing::makeEndpoints;
using testing::makeService;

ProxyConfig config() {
    ProxyConfig c;
    c.clusterCidr = "10.244.0.0/16";
    return c;
}

const network::IptablesTable &table(const network::IptablesRuleSet &set, const std::string &name) {
    const auto *found = set.findTable(name);
    EXPECT_NE(found, nullptr) << name;
    static network::IptablesTable empty;
    return found ? *found : empty;
}

std::vector<std::string> rulesOf(const network::IptablesRuleSet &set, const std::string &chain,
                                 const std::string &tableName = "nat") {
    std::vector<std::string> out;
    for (const auto &rule : table(set, tableName).rules)
        if (rule.rfind("-A " + chain + " ", 0) == 0)
            out.push_back(rule);
    return out;
}

bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

std::string serviceChain(const network::IptablesRuleSet &set) {
    for (const auto &chain : table(set, "nat").chains)
        if (chain.rfind("COX-SVC-", 0) == 0)
            return chain;
    return {};
}

model::Service web() {
    return makeService("default", "web").clusterIp("10.96.0.10").port("http", 80, 8080);
}

TEST(ServiceRules, SpreadsEvenlyOverReadyEndpoints) {
    for (int n = 1; n <= 12; ++n) {
        auto endpoints = makeEndpoints("default", "web").port("http", 8080);
        for (int i = 0; i < n; ++i)
            endpoints.ready("10.244.1." + std::to_string(10 + i));
        auto set = ServiceRuleSet::build({web()}, {endpoints}, config());
        auto rules = rulesOf(set, serviceChain(set));
        std::vector<std::string> picks;
        for (const auto &rule : rules)
            if (contains(rule, "-j COX-SEP-"))
                picks.push_back(rule);
        ASSERT_EQ(picks.size(), static_cast<size_t>(n));
        // Endpoint i is taken with probability p_i after the earlier ones were passed over.
        double remaining = 1.0;
        for (int i = 0; i < n; ++i) {
            double p = 1.0;
            auto at = picks[i].find("--probability ");
            if (i + 1 < n) {
                ASSERT_NE(at, std::string::npos) << picks[i];
                p = std::strtod(picks[i].c_str() + at + 14, nullptr);
            } else {
                EXPECT_EQ(at, std::string::npos) << "the last endpoint takes the rest";
            }
            EXPECT_NEAR(remaining * p, 1.0 / n, 1e-9) << "endpoint " << i << " of " << n;
            remaining *= 1.0 - p;
        }
    }
}

TEST(ServiceRules, OnlyReadyEndpointsGetTraffic) {
    auto endpoints = makeEndpoints("default", "web")
                         .ready("10.244.1.2")
                         .notReady("10.244.1.3")
                         .port("http", 8080);
    auto set = ServiceRuleSet::build({web()}, {endpoints}, config());
    std::string text = set.render();
    EXPECT_TRUE(contains(text, "--to-destination 10.244.1.2:8080"));
    EXPECT_FALSE(contains(text, "10.244.1.3"));
}

TEST(ServiceRules, NoReadyEndpointRejects) {
    auto endpoints = makeEndpoints("default", "web").notReady("10.244.1.3").port("http", 8080);
    auto set = ServiceRuleSet::build({web()}, {endpoints}, config());
    EXPECT_EQ(serviceChain(set), "");
    auto rejects = rulesOf(set, "COX-SERVICES", "filter");
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_TRUE(contains(rejects[0], "-d 10.96.0.10/32 -p tcp -m tcp --dport 80"));
    EXPECT_TRUE(contains(rejects[0], "-j REJECT"));
    EXPECT_TRUE(rulesOf(set, "COX-SERVICES", "nat").size() == 1) << "only the NodePorts jump";
}

TEST(ServiceRules, ClientIpAffinityChecksRecentBeforeSpreading) {
    auto service = makeService("default", "web").clusterIp("10.96.0.10").port("http", 80, 8080);
    service.affinity();
    auto endpoints =
        makeEndpoints("default", "web").ready("10.244.1.2").ready("10.244.1.3").port("http", 8080);
    auto set = ServiceRuleSet::build({service}, {endpoints}, config());
    auto rules = rulesOf(set, serviceChain(set));
    // mark rule, two recent checks, then two picks.
    ASSERT_EQ(rules.size(), 5u);
    for (int i = 1; i <= 2; ++i) {
        EXPECT_TRUE(contains(rules[i], "-m recent --name COX-SEP-")) << rules[i];
        EXPECT_TRUE(contains(rules[i], "--rcheck --seconds 10800 --reap")) << rules[i];
        std::string sep = rules[i].substr(rules[i].rfind("-j ") + 3);
        bool sets = false;
        for (const auto &rule : rulesOf(set, sep))
            sets = sets ||
                   (contains(rule, "-m recent --name " + sep + " --set") && contains(rule, "DNAT"));
        EXPECT_TRUE(sets) << sep << " remembers the client";
    }
    EXPECT_TRUE(contains(rules[3], "statistic"));
    auto plain = ServiceRuleSet::build({web()}, {endpoints}, config()).render();
    EXPECT_FALSE(contains(plain, "recent"));
}

TEST(ServiceRules, NodePortMarksAndJumpsToTheService) {
    auto service = makeService("default", "web")
                       .clusterIp("10.96.0.10")
                       .type("NodePort")
                       .port("http", 80, 8080, 30080);
    auto endpoints = makeEndpoints("default", "web").ready("10.244.1.2").port("http", 8080);
    auto set = ServiceRuleSet::build({service}, {endpoints}, config());
    auto nodePorts = rulesOf(set, "COX-NODEPORTS");
    ASSERT_EQ(nodePorts.size(), 2u);
    EXPECT_TRUE(contains(nodePorts[0], "--dport 30080") && contains(nodePorts[0], "COX-MARK-MASQ"));
    EXPECT_TRUE(contains(nodePorts[1], "--dport 30080 ") &&
                contains(nodePorts[1], "-j " + serviceChain(set)));
    auto services = rulesOf(set, "COX-SERVICES");
    EXPECT_TRUE(contains(services.back(), "--dst-type LOCAL -j COX-NODEPORTS"))
        << "node ports come after every ClusterIP match";
    // A ClusterIP-type service never opens its (stale) nodePort.
    service.type("ClusterIP");
    EXPECT_TRUE(
        rulesOf(ServiceRuleSet::build({service}, {endpoints}, config()), "COX-NODEPORTS").empty());
}

TEST(ServiceRules, HairpinAndOffClusterTrafficIsMasqueraded) {
    auto endpoints = makeEndpoints("default", "web").ready("10.244.1.2").port("http", 8080);
    auto set = ServiceRuleSet::build({web()}, {endpoints}, config());
    auto svc = rulesOf(set, serviceChain(set));
    EXPECT_EQ(svc[0], "-A " + serviceChain(set) +
                          " ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j "
                          "COX-MARK-MASQ");
    std::string sep = ChainNames::endpoint("default/web:http/tcp", "10.244.1.2:8080");
    auto sepRules = rulesOf(set, sep);
    ASSERT_EQ(sepRules.size(), 2u);
    EXPECT_EQ(sepRules[0], "-A " + sep + " -s 10.244.1.2/32 -j COX-MARK-MASQ");
    EXPECT_EQ(sepRules[1], "-A " + sep + " -p tcp -j DNAT --to-destination 10.244.1.2:8080");
    auto post = rulesOf(set, "COX-POSTROUTING");
    ASSERT_EQ(post.size(), 3u);
    EXPECT_TRUE(contains(post[0], "! --mark 0x4000/0x4000 -j RETURN"));
    EXPECT_TRUE(contains(post[2], "-j MASQUERADE"));
    EXPECT_EQ(rulesOf(set, "COX-MARK-MASQ")[0], "-A COX-MARK-MASQ -j MARK --or-mark 0x4000");
}

TEST(ServiceRules, NamedPortsResolvePerPortAndProtocol) {
    auto service = makeService("default", "dns")
                       .clusterIp("10.96.0.53")
                       .port("dns", 53, 5353, 0, "UDP")
                       .port("dns-tcp", 53, 5353, 0, "TCP");
    auto endpoints = makeEndpoints("default", "dns")
                         .ready("10.244.1.2")
                         .port("dns", 5353, "UDP")
                         .port("dns-tcp", 5354, "TCP");
    auto set = ServiceRuleSet::build({service}, {endpoints}, config());
    std::string text = set.render();
    EXPECT_TRUE(contains(text, "-p udp -j DNAT --to-destination 10.244.1.2:5353"));
    EXPECT_TRUE(contains(text, "-p tcp -j DNAT --to-destination 10.244.1.2:5354"));
    EXPECT_TRUE(contains(text, "-d 10.96.0.53/32 -p udp -m udp --dport 53"));
}

TEST(ServiceRules, HeadlessAndExternalNameServicesHaveNoRules) {
    auto headless = makeService("default", "db").clusterIp("None").port("pg", 5432, 5432);
    auto external = makeService("default", "ext").type("ExternalName");
    auto endpoints = makeEndpoints("default", "db").ready("10.244.1.2").port("pg", 5432);
    auto set = ServiceRuleSet::build({headless, external}, {endpoints}, config());
    EXPECT_EQ(serviceChain(set), "");
    EXPECT_TRUE(rulesOf(set, "COX-SERVICES", "filter").empty());
}

TEST(ServiceRules, OutputIsDeterministicAndChainNamesFit) {
    std::vector<model::Service> services;
    std::vector<model::Endpoints> endpoints;
    for (int i = 0; i < 20; ++i) {
        std::string name = "svc-" + std::to_string(i);
        services.push_back(makeService("ns", name)
                               .clusterIp("10.96.1." + std::to_string(i))
                               .port("http", 80, 8080));
        endpoints.push_back(makeEndpoints("ns", name)
                                .ready("10.244.2." + std::to_string(i))
                                .ready("10.244.3." + std::to_string(i))
                                .port("http", 8080));
    }
    auto first = ServiceRuleSet::build(services, endpoints, config()).render();
    std::reverse(services.begin(), services.end());
    std::reverse(endpoints.begin(), endpoints.end());
    auto second = ServiceRuleSet::build(services, endpoints, config());
    EXPECT_EQ(first, second.render());
    for (const auto &chain : table(second, "nat").chains)
        EXPECT_LE(chain.size(), 28u) << chain;
    EXPECT_EQ(ChainNames::service("a/b:http/tcp"), ChainNames::service("a/b:http/tcp"));
    EXPECT_NE(ChainNames::service("a/b:http/tcp"), ChainNames::service("a/b:http/udp"));
}

TEST(IptablesRuleSet, RenderDeclaresChainsBeforeRulesAndDeletesStaleOnes) {
    network::IptablesRuleSet set;
    auto &nat = set.table("nat");
    nat.chains = {"COX-A"};
    nat.rules = {"-A COX-A -j RETURN"};
    std::string text = set.render({network::IptablesTable{"nat", {"COX-OLD"}, {}},
                                   network::IptablesTable{"filter", {"COX-F"}, {}}});
    EXPECT_EQ(text, "*nat\n:COX-A - [0:0]\n:COX-OLD - [0:0]\n-A COX-A -j RETURN\n-X COX-OLD\n"
                    "COMMIT\n*filter\n:COX-F - [0:0]\n-X COX-F\nCOMMIT\n");
}

} // namespace
} // namespace cox::agent::proxy
