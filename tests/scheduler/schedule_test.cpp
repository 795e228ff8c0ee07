// schedule() and explain() end to end over small snapshots with the default profile.
#include "builders.h"

#include <set>

#include "scheduler/explanation.h"
#include "scheduler/schedule.h"

namespace cox::scheduler::testing {
namespace {

const Profile &profile() {
    return Profile::defaultProfile();
}

TEST(Schedule, FailedSchedulingMessageInKubernetesForm) {
    const std::string cp = "node-role.kubernetes.io/control-plane";
    Snapshot snapshot = Snapshot::fromNodes({
        makeNode("n1").cpu("1"),
        makeNode("n2").cpu("1"),
        makeNode("n3").cpu("500m"),
        makeNode("n4").taint(cp, "", "NoSchedule"),
        makeNode("n5").taint(cp, "", "NoSchedule"),
    });
    ScheduleResult result = schedule(*makePod("web-1").cpu("2").info(), snapshot, profile(), 1);
    EXPECT_FALSE(result.scheduled());
    EXPECT_EQ(result.rejected.size(), 5u);
    EXPECT_EQ(result.message, "0/5 nodes are available: 2 node(s) had untolerated taint "
                              "{node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.");
}

TEST(Schedule, ReasonsSortAsStringsLikeKubernetes) {
    std::vector<NodeRejection> rejected;
    for (int i = 0; i < 10; ++i)
        rejected.push_back(
            {"n", "NodeResourcesFit", FilterVerdict::reject("x", "Insufficient cpu")});
    for (int i = 0; i < 2; ++i)
        rejected.push_back(
            {"n", "NodeUnschedulable", FilterVerdict::reject("x", "node(s) were unschedulable")});
    // "10 ..." sorts before "2 ..." as plain strings, as Go's sort.Strings puts it.
    EXPECT_EQ(failedSchedulingMessage(12, rejected),
              "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable.");
}

TEST(Schedule, PicksTheLeastAllocatedNode) {
    Snapshot snapshot = Snapshot::fromNodes({
        makeNode("busy").withPod(makePod("a").cpu("3").memory("12Gi").node("busy")),
        makeNode("idle"),
    });
    for (uint64_t seed = 0; seed < 8; ++seed) {
        ScheduleResult result =
            schedule(*makePod("p").cpu("100m").info(), snapshot, profile(), seed);
        EXPECT_EQ(result.nodeName, "idle") << "seed " << seed;
        EXPECT_EQ(result.feasibleNodes, 2u);
    }
}

TEST(Schedule, TiesAreBrokenBySeedReproducibly) {
    std::vector<NodeInfo> nodes;
    for (int i = 0; i < 8; ++i)
        nodes.push_back(makeNode("n" + std::to_string(i)));
    Snapshot snapshot = Snapshot::fromNodes(std::move(nodes));
    PodInfoPtr pod = makePod("p").cpu("100m");
    std::set<std::string> chosen;
    for (uint64_t seed = 0; seed < 32; ++seed) {
        std::string first = schedule(*pod, snapshot, profile(), seed).nodeName;
        EXPECT_EQ(schedule(*pod, snapshot, profile(), seed).nodeName, first);
        chosen.insert(first);
    }
    // Identical nodes: different seeds must not always pick the same one.
    EXPECT_GT(chosen.size(), 1u);
}

TEST(Schedule, SpreadsReplicaSetSiblings) {
    PodInfoPtr sibling = makePod("web-0").owner("ReplicaSet", "rs").cpu("100m").node("a");
    Snapshot snapshot = Snapshot::fromNodes({makeNode("a").withPod(sibling), makeNode("b")});
    // Also pre-place an unrelated pod on b so resources alone would prefer a.
    PodInfoPtr pod = makePod("web-1").owner("ReplicaSet", "rs").cpu("100m");
    EXPECT_EQ(schedule(*pod, snapshot, profile(), 3).nodeName, "b");
}

TEST(Schedule, EmptyClusterMessage) {
    ScheduleResult result = schedule(*makePod("p").info(), Snapshot(), profile(), 0);
    EXPECT_FALSE(result.scheduled());
    EXPECT_EQ(result.message, "0/0 nodes are available:");
}

TEST(Explain, ListsEveryReasonAndScores) {
    Snapshot snapshot = Snapshot::fromNodes({
        makeNode("small").cpu("1").memory("1Gi").taint("gpu", "yes", "NoSchedule"),
        makeNode("big").cpu("8"),
        makeNode("mid").cpu("4"),
    });
    Explanation explanation =
        explain(*makePod("web-1").cpu("2").memory("2Gi").info(), snapshot, profile());
    ASSERT_EQ(explanation.nodes.size(), 3u);
    const NodeExplanation &small = explanation.nodes[0];
    EXPECT_FALSE(small.fits);
    // explain() does not stop at the first failing plugin: taint and both resources.
    ASSERT_EQ(small.reasons.size(), 3u);
    EXPECT_EQ(small.reasons[0].plugin, "TaintToleration");
    EXPECT_EQ(small.reasons[1].message, "Insufficient cpu");
    EXPECT_EQ(small.reasons[2].message, "Insufficient memory");
    EXPECT_TRUE(explanation.nodes[1].fits);
    EXPECT_EQ(explanation.nodes[1].scores.size(), profile().scores().size());
    EXPECT_GT(explanation.nodes[1].total, explanation.nodes[2].total);
    EXPECT_EQ(explanation.bestNode, "big");
    EXPECT_EQ(explanation.feasibleNodes, 2u);

    Json json = explanation.toJson();
    EXPECT_EQ(json["pod"], "default/web-1");
    EXPECT_EQ(json["nodes"][0]["reasons"][1]["reason"], "InsufficientResource");
    EXPECT_TRUE(json["nodes"][0]["total"].is_null());
    EXPECT_EQ(json["nodes"][1]["total"], explanation.nodes[1].total);
    EXPECT_EQ(json["nodes"][1]["scores"]["TaintToleration"]["weight"], 3);
}

TEST(Explain, MessageWhenNothingFits) {
    Snapshot snapshot =
        Snapshot::fromNodes({makeNode("a").unschedulable(), makeNode("b").cpu("1")});
    Explanation explanation = explain(*makePod("p").cpu("2").info(), snapshot, profile());
    EXPECT_EQ(explanation.bestNode, "");
    EXPECT_EQ(explanation.message,
              "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.");
}

TEST(ProfileTest, UnknownPluginAndAdaptiveNodeCount) {
    ProfileConfig config;
    config.plugins = {{"NoSuchPlugin", 1}};
    auto built = Profile::build(config);
    ASSERT_FALSE(built.isOk());
    EXPECT_EQ(built.status().code(), StatusCode::NotFound);
    EXPECT_EQ(profile().feasibleNodesToFind(50), 50u);
    EXPECT_EQ(profile().feasibleNodesToFind(1000), 420u);   // 42%
    EXPECT_EQ(profile().feasibleNodesToFind(5000), 500u);   // 10%
    EXPECT_EQ(profile().feasibleNodesToFind(50000), 2500u); // floor of 5%
}

} // namespace
} // namespace cox::scheduler::testing
