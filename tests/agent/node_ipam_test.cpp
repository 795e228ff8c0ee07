// NodeIpamController on the memory store: a /24 per node out of 10.42.0.0/16, lowest free first,
// stable when the controller restarts (map rebuilt from the nodes), released on delete.
#include "controllers/node_ipam_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

struct IpamFixture : ::testing::Test {
    Harness h;
    NodeIpamController *ipam = nullptr;

    void start(NodeIpamOptions options = {}) {
        ipam = &h.add<NodeIpamController>(*h.api, *h.informers, options);
        h.runUntilIdle();
    }
    void createNode(const std::string &name) {
        h.create("", "nodes",
                 Json{{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", name}}}});
    }
    std::string cidrOf(const std::string &name) {
        return stringAt(h.get("", "nodes", "", name), {"spec", "podCIDR"});
    }
};

TEST_F(IpamFixture, AssignsLowestFreeSlash24) {
    start();
    struct Case {
        const char *node;
        const char *cidr;
    };
    for (Case c :
         {Case{"a", "10.42.0.0/24"}, Case{"b", "10.42.1.0/24"}, Case{"c", "10.42.2.0/24"}}) {
        createNode(c.node);
        h.runUntilIdle();
        EXPECT_EQ(cidrOf(c.node), c.cidr) << c.node;
        EXPECT_EQ(h.get("", "nodes", "", c.node)["spec"]["podCIDRs"], Json::array({c.cidr}));
    }
}

TEST_F(IpamFixture, ReleasesOnDeleteAndReusesTheSlot) {
    start();
    for (const char *n : {"a", "b", "c"})
        createNode(n);
    h.runUntilIdle();
    ASSERT_TRUE(h.api->remove(resourceType("", "nodes"), "", "b", {}, controllerContext()));
    h.runUntilIdle();
    EXPECT_EQ(ipam->allocatedCount(), 2u);
    createNode("d");
    h.runUntilIdle();
    EXPECT_EQ(cidrOf("d"), "10.42.1.0/24");
}

TEST_F(IpamFixture, KeepsExistingAssignmentsAcrossRestart) {
    // Nodes that already carry CIDRs (from a previous run), one of them not the lowest.
    for (auto [name, cidr] : {std::pair{"old-a", "10.42.0.0/24"}, {"old-b", "10.42.5.0/24"}}) {
        h.create("", "nodes",
                 Json{{"apiVersion", "v1"},
                      {"kind", "Node"},
                      {"metadata", {{"name", name}}},
                      {"spec", {{"podCIDR", cidr}, {"podCIDRs", {cidr}}}}});
    }
    start();
    createNode("new");
    h.runUntilIdle();
    EXPECT_EQ(cidrOf("old-a"), "10.42.0.0/24");
    EXPECT_EQ(cidrOf("old-b"), "10.42.5.0/24");
    EXPECT_EQ(cidrOf("new"), "10.42.1.0/24");
}

TEST_F(IpamFixture, ExhaustedRangeLeavesNodeWithoutCidr) {
    NodeIpamOptions small;
    small.clusterCidr = "10.42.0.0/23"; // two /24s
    start(small);
    for (const char *n : {"a", "b", "c"})
        createNode(n);
    h.runUntilIdle();
    EXPECT_EQ(cidrOf("c"), "");
    ASSERT_TRUE(h.api->remove(resourceType("", "nodes"), "", "a", {}, controllerContext()));
    h.advance(std::chrono::seconds(60)); // the failed key's back-off passes
    EXPECT_EQ(cidrOf("c"), "10.42.0.0/24");
}

} // namespace
} // namespace cox::controllers::testing
