// PodTopologySpread: DoNotSchedule as a filter, ScheduleAnyway as a score.
#include "plugin_harness.h"

namespace cox::scheduler::testing {
namespace {

const std::string kSkew = "node(s) didn't match pod topology spread constraints";

PodBuilder web(const std::string &name, const std::string &node) {
    return makePod(name).label("app", "web").node(node);
}

// Zone a: a1 (2 web pods), a2 (1 web pod). Zone b: b1 (empty). Node "bare" has no zone label.
Snapshot cluster() {
    return Snapshot::fromNodes({
        makeNode("a1").zone("a").withPod(web("w1", "a1")).withPod(web("w2", "a1")),
        makeNode("a2").zone("a").withPod(web("w3", "a2")),
        makeNode("b1").zone("b"),
        makeNode("bare"),
    });
}

TEST(PodTopologySpreadTest, ZoneMaxSkewOne) {
    Snapshot snapshot = cluster();
    PodInfoPtr pod = makePod("w4").label("app", "web").spread(1, kLabelZone, "web");
    // zone a has 3, zone b has 0: only zone b keeps skew <= 1.
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *pod, snapshot, "a1")), kSkew);
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *pod, snapshot, "a2")), kSkew);
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *pod, snapshot, "b1")), "");
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *pod, snapshot, "bare")),
              kSkew + " (missing required label)");
}

TEST(PodTopologySpreadTest, HostnameMaxSkew) {
    Snapshot snapshot = cluster();
    PodInfoPtr tight = makePod("w4").label("app", "web").spread(1, kLabelHostname, "web");
    // Per host: a1=2, a2=1, b1=0, bare=0 -> min 0.
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *tight, snapshot, "a1")), kSkew);
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *tight, snapshot, "a2")), kSkew);
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *tight, snapshot, "b1")), "");
    PodInfoPtr loose = makePod("w4").label("app", "web").spread(2, kLabelHostname, "web");
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *loose, snapshot, "a2")), "");
    // A pod that does not match its own selector does not add itself to the count.
    PodInfoPtr other = makePod("x").spread(1, kLabelHostname, "web");
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *other, snapshot, "a2")), "");
}

TEST(PodTopologySpreadTest, OnlyNodesMatchingNodeSelectorAreDomains) {
    Snapshot snapshot = Snapshot::fromNodes({
        makeNode("a1").zone("a").label("pool", "x").withPod(web("w1", "a1")),
        makeNode("b1").zone("b").label("pool", "y"),
    });
    // Zone b is outside the pod's node selector, so zone a alone is the minimum.
    PodInfoPtr pod =
        makePod("w2").label("app", "web").nodeSelector("pool", "x").spread(1, kLabelZone, "web");
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *pod, snapshot, "a1")), "");
}

TEST(PodTopologySpreadTest, ScheduleAnywayScoresEmptierDomainsHigher) {
    Snapshot snapshot = cluster();
    PodInfoPtr pod = makePod("w4").label("app", "web").spread(1, kLabelHostname, "web", false);
    EXPECT_EQ(messages(runFilter("PodTopologySpread", *pod, snapshot, "a1")), "")
        << "ScheduleAnyway never filters";
    std::vector<int64_t> scores = runScore("PodTopologySpread", *pod, snapshot);
    ASSERT_EQ(scores.size(), 4u);
    EXPECT_LT(scores[0], scores[1]);
    EXPECT_LT(scores[1], scores[2]);
    EXPECT_EQ(scores[2], 100);
    EXPECT_EQ(scores[3], 100);
}

} // namespace
} // namespace cox::scheduler::testing
