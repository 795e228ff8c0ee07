// host-gw routes system test (root): two namespace "machines" on one LAN, each with a pod bridge
// on its own pod CIDR and a pod. RouteApplier installs routes to the other machine's pod CIDR
// via its address, after which the pods reach each other by IP with their own source
// addresses (MasqueradeRules leave pod-to-pod traffic alone); a second sync changes nothing and
// a node leaving takes its route with it.
#include "net_fixture.h"
#include "network/iptables_applier.h"
#include "network/masquerade_rules.h"
#include "network/route_applier.h"
#include "object_builders.h"
#include "tcp_test_server.h"

#include <gtest/gtest.h>

namespace cox::agent::network {
namespace {

using namespace agent::testing;

TEST(RouteSystemTest, PodsReachEachOtherAcrossMachinesByIp) {
    if (!cox::testing::canCreateNetworks())
        GTEST_SKIP() << "needs root and iproute2 (network namespaces)";
    cox::testing::TestBridge lan(12);
    cox::testing::TestMachine m1(lan, 2), m2(lan, 3);
    ASSERT_TRUE(lan.ok() && m1.ok() && m2.ok());
    PodBridge bridge1(m1.netns(), "cox0", "10.244.1.1"), bridge2(m2.netns(), "cox0", "10.244.2.1");
    TestPod a(bridge1, "10.244.1.10"), b(bridge2, "10.244.2.10");
    ASSERT_TRUE(bridge1.ok() && bridge2.ok() && a.ok() && b.ok());
    TcpTestServer serverA(a.netns(), 8080, "a"), serverB(b.netns(), 8080, "b");
    ASSERT_TRUE(serverA.ok() && serverB.ok());

    std::vector<model::Node> nodes = {makeNode("m1", "10.244.1.0/24", m1.address()),
                                      makeNode("m2", "10.244.2.0/24", m2.address())};
    RouteApplier routes1(CommandRunner({"ip", "netns", "exec", m1.netns()}));
    RouteApplier routes2(CommandRunner({"ip", "netns", "exec", m2.netns()}));
    IptablesApplier masq1(CommandRunner({"ip", "netns", "exec", m1.netns()}),
                          MasqueradeRules::ownedChains());
    IptablesApplier masq2(CommandRunner({"ip", "netns", "exec", m2.netns()}),
                          MasqueradeRules::ownedChains());
    ASSERT_TRUE(masq1.apply(MasqueradeRules::build({"10.244.1.0/24", "10.244.0.0/16"})).isOk());
    ASSERT_TRUE(masq2.apply(MasqueradeRules::build({"10.244.2.0/24", "10.244.0.0/16"})).isOk());
    ASSERT_TRUE(routes1.sync(RouteTable::desired(nodes, "m1")).isOk());
    ASSERT_TRUE(routes2.sync(RouteTable::desired(nodes, "m2")).isOk());

    TcpResult ab, ba;
    inNetns(a.netns(), [&] { ab = tcpRequest("10.244.2.10", 8080); });
    inNetns(b.netns(), [&] { ba = tcpRequest("10.244.1.10", 8080); });
    EXPECT_EQ(ab.response, "b 10.244.1.10\n") << "error " << ab.error;
    EXPECT_EQ(ba.response, "a 10.244.2.10\n") << "error " << ba.error;

    auto installed = routes1.current();
    ASSERT_TRUE(installed.isOk());
    EXPECT_EQ(*installed, (std::vector<NodeRoute>{{"10.244.2.0/24", m2.address()}}));
    EXPECT_TRUE(RouteTable::diff(RouteTable::desired(nodes, "m1"), *installed).empty());
    ASSERT_TRUE(routes1.sync(RouteTable::desired(nodes, "m1")).isOk());

    // m2 leaves the cluster: m1 drops its route and keeps the kernel's own routes.
    ASSERT_TRUE(routes1.sync(RouteTable::desired({nodes[0]}, "m1")).isOk());
    installed = routes1.current();
    ASSERT_TRUE(installed.isOk());
    EXPECT_TRUE(installed->empty());
    auto kernel = cox::testing::runCommand(m1.exec({"ip", "-4", "route", "show"}));
    EXPECT_NE(kernel.out.find("10.244.1.0/24 dev cox0"), std::string::npos) << kernel.out;
    EXPECT_NE(kernel.out.find("default via"), std::string::npos) << kernel.out;
}

} // namespace
} // namespace cox::agent::network
