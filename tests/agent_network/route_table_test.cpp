// RouteTable (host-gw routes from Nodes, diffs, `ip route` parsing) and MasqueradeRules.
#include "network/masquerade_rules.h"
#include "network/route_table.h"
#include "object_builders.h"

#include <gtest/gtest.h>

namespace cox::agent::network {
namespace {

using testing::makeNode;

TEST(RouteTable, OneRoutePerOtherNodeWithCidrAndAddress) {
    std::vector<model::Node> nodes = {makeNode("a", "10.244.1.0/24", "192.168.0.1"),
                                      makeNode("b", "10.244.2.0/24", "192.168.0.2"),
                                      makeNode("c", "10.244.3.0/24", "192.168.0.3"),
                                      makeNode("no-cidr", "", "192.168.0.4"),
                                      makeNode("no-ip", "10.244.5.0/24", "")};
    auto routes = RouteTable::desired(nodes, "a");
    ASSERT_EQ(routes.size(), 2u);
    EXPECT_EQ(routes[0], (NodeRoute{"10.244.2.0/24", "192.168.0.2"}));
    EXPECT_EQ(routes[1], (NodeRoute{"10.244.3.0/24", "192.168.0.3"}));
}

TEST(RouteTable, ConflictingCidrsPickTheFirstNodeByNameAndNeverOurOwn) {
    std::vector<model::Node> nodes = {makeNode("z", "10.244.2.0/24", "192.168.0.9"),
                                      makeNode("b", "10.244.2.0/24", "192.168.0.2"),
                                      makeNode("a", "10.244.1.0/24", "192.168.0.1"),
                                      makeNode("y", "10.244.1.0/24", "192.168.0.8")};
    auto routes = RouteTable::desired(nodes, "a");
    ASSERT_EQ(routes.size(), 1u);
    EXPECT_EQ(routes[0].via, "192.168.0.2");
}

TEST(RouteTable, DiffReplacesChangedAndRemovesGoneRoutes) {
    std::vector<NodeRoute> current = {{"10.244.2.0/24", "192.168.0.2"},
                                      {"10.244.3.0/24", "192.168.0.3"},
                                      {"10.244.4.0/24", "192.168.0.4"}};
    std::vector<NodeRoute> desired = {{"10.244.2.0/24", "192.168.0.2"},
                                      {"10.244.3.0/24", "192.168.0.33"},
                                      {"10.244.6.0/24", "192.168.0.6"}};
    auto diff = RouteTable::diff(desired, current);
    ASSERT_EQ(diff.replace.size(), 2u);
    EXPECT_EQ(diff.replace[0], (NodeRoute{"10.244.3.0/24", "192.168.0.33"}));
    EXPECT_EQ(diff.replace[1], (NodeRoute{"10.244.6.0/24", "192.168.0.6"}));
    EXPECT_EQ(diff.remove, std::vector<std::string>{"10.244.4.0/24"});
    EXPECT_TRUE(RouteTable::diff(desired, desired).empty());
}

TEST(RouteTable, ParsesIpRouteOutput) {
    auto routes = RouteTable::parseIpRoute("10.244.2.0/24 via 10.201.7.3 dev eth0 proto 77 \n"
                                           "10.9.9.9 via 10.201.7.4 dev eth0 proto 77\n"
                                           "10.244.1.0/24 dev cox0 proto kernel scope link\n"
                                           "default via 10.201.7.1 dev eth0\n");
    ASSERT_EQ(routes.size(), 2u);
    EXPECT_EQ(routes[0], (NodeRoute{"10.244.2.0/24", "10.201.7.3"}));
    EXPECT_EQ(routes[1], (NodeRoute{"10.9.9.9/32", "10.201.7.4"}));
}

TEST(MasqueradeRules, KeepPodToPodSourcesAndMasqueradeTheRest) {
    auto set = MasqueradeRules::build({"10.244.1.0/24", "10.244.0.0/16", 0x4000});
    const auto *nat = set.findTable("nat");
    ASSERT_NE(nat, nullptr);
    std::vector<std::string> expected = {
        "-A COX-EGRESS -m mark --mark 0x4000/0x4000 -j RETURN",
        "-A COX-EGRESS ! -s 10.244.1.0/24 -j RETURN",
        "-A COX-EGRESS -d 10.244.0.0/16 -j ACCEPT",
        "-A COX-EGRESS -m addrtype --dst-type LOCAL -j ACCEPT",
        "-A COX-EGRESS -j MASQUERADE",
    };
    EXPECT_EQ(nat->rules, expected);
    const auto *filter = set.findTable("filter");
    ASSERT_NE(filter, nullptr);
    EXPECT_EQ(filter->rules.size(), 2u);
    ASSERT_EQ(set.jumps.size(), 2u);
    EXPECT_EQ(set.jumps[0].chain, "POSTROUTING");
    EXPECT_EQ(set.jumps[1].chain, "FORWARD");
}

} // namespace
} // namespace cox::agent::network
