// The agent's networking options: flags, config-file keys (flags win), validation, defaults
// matching the control plane's CIDRs; and the iptables backend decision.
#include "agent/agent_options.h"
#include "network/iptables_backend.h"

#include <gtest/gtest.h>

namespace cox::agent {
namespace {

TEST(NetworkOptionsTest, DefaultsMatchTheControlPlane) {
    auto o = parseAgentOptions({"--server", "https://h:6443"});
    ASSERT_TRUE(o) << o.status().message();
    EXPECT_EQ(o->clusterCidr, "10.42.0.0/16");
    EXPECT_EQ(o->serviceCidr, "10.43.0.0/16");
    EXPECT_EQ(o->clusterDns, "");
    EXPECT_EQ(o->clusterDomain, "cluster.local");
    EXPECT_EQ(o->iptablesBackend, "auto");
    EXPECT_TRUE(o->proxy);
    EXPECT_TRUE(o->network);
}

TEST(NetworkOptionsTest, FlagsSetEveryNetworkingOption) {
    auto o = parseAgentOptions({"--server", "https://h:6443", "--cluster-cidr", "10.244.0.0/16",
                                "--service-cidr=10.96.0.0/12", "--cluster-dns", "10.96.0.10",
                                "--cluster-domain", "corp.local", "--iptables-backend", "nft",
                                "--no-proxy"});
    ASSERT_TRUE(o) << o.status().message();
    EXPECT_EQ(o->clusterCidr, "10.244.0.0/16");
    EXPECT_EQ(o->serviceCidr, "10.96.0.0/12");
    EXPECT_EQ(o->clusterDns, "10.96.0.10");
    EXPECT_EQ(o->clusterDomain, "corp.local");
    EXPECT_EQ(o->iptablesBackend, "nft");
    EXPECT_FALSE(o->proxy);
    EXPECT_TRUE(o->network);
}

TEST(NetworkOptionsTest, ConfigKeysAndFlagsWinOverThem) {
    AgentOptions o;
    ASSERT_TRUE(applyConfigFile(R"({"clusterCidr": "10.50.0.0/16", "clusterDomain": "x.local",
                                   "network": false, "iptablesBackend": "legacy",
                                   "resolvConf": "/tmp/r.conf"})",
                                o));
    EXPECT_EQ(o.clusterCidr, "10.50.0.0/16");
    EXPECT_EQ(o.clusterDomain, "x.local");
    EXPECT_FALSE(o.network);
    EXPECT_EQ(o.iptablesBackend, "legacy");
    EXPECT_EQ(o.resolvConf, "/tmp/r.conf");
    EXPECT_FALSE(applyConfigFile(R"({"proxy": "yes"})", o)) << "a string is not a bool";
}

TEST(NetworkOptionsTest, BadValuesAreRefused) {
    EXPECT_FALSE(parseAgentOptions({"--server", "s", "--iptables-backend", "ebpf"}));
    EXPECT_FALSE(parseAgentOptions({"--server", "s", "--cluster-cidr", "10.0.0.0"}));
    EXPECT_FALSE(parseAgentOptions({"--server", "s", "--cluster-domain", ".local"}));
    EXPECT_FALSE(parseAgentOptions({"--server", "s", "--service-cidr", "10.42.128.0/20"}))
        << "inside the default cluster CIDR";
    EXPECT_FALSE(parseAgentOptions({"--server", "s", "--cluster-cidr", "10.0.0.0/8"}))
        << "contains the default service CIDR";
    EXPECT_TRUE(parseAgentOptions(
        {"--server", "s", "--cluster-cidr", "10.42.0.0/16", "--service-cidr", "10.43.0.0/16"}));
}

TEST(NetworkOptionsTest, CleanupNeedsNoServer) {
    auto o = parseAgentOptions({"--cleanup-network"});
    ASSERT_TRUE(o) << o.status().message();
    EXPECT_EQ(o->command, AgentOptions::Command::CleanupNetwork);
}

using Facts = network::IptablesBackend::Facts;

std::string decided(const Facts &f) {
    auto choice = network::IptablesBackend::decide(f);
    return choice ? choice->name : "error";
}

TEST(IptablesBackendTest, AutoFollowsWhereRulesAlreadyAre) {
    EXPECT_EQ(decided({true, true, false, false, 0, 0}), "legacy") << "empty host: the fast one";
    EXPECT_EQ(decided({true, true, false, false, 0, 40}), "nft") << "Docker's rules are in nft";
    EXPECT_EQ(decided({true, true, false, false, 12, 3}), "legacy");
    EXPECT_EQ(decided({true, true, false, true, 50, 0}), "nft") << "our chains decide first";
    EXPECT_EQ(decided({false, true, false, false, 0, 0}), "nft") << "nf_tables-only kernel";
    EXPECT_EQ(decided({true, false, false, false, 0, 0}), "legacy");
    EXPECT_EQ(decided({false, false, false, false, 0, 0}), "error");
}

TEST(IptablesBackendTest, ExplicitModes) {
    network::CommandRunner runner;
    EXPECT_EQ(network::IptablesBackend::choose(runner, "legacy")->tools.restore,
              "iptables-legacy-restore");
    EXPECT_EQ(network::IptablesBackend::choose(runner, "nft")->tools.save, "iptables-nft-save");
    EXPECT_FALSE(network::IptablesBackend::choose(runner, "bpf"));
}

} // namespace
} // namespace cox::agent
