// Score plugins: each row is a pod over a fixed set of nodes and the expected 0..100 scores.
#include "plugin_harness.h"

namespace cox::scheduler::testing {
namespace {

struct ScoreCase {
    std::string title;
    std::string plugin;
    PodBuilder pod;
    std::vector<NodeBuilder> nodes;
    std::vector<int64_t> expected;
};

Json preferredZone(int weight, const std::string &zone) {
    return {{"weight", weight},
            {"preference",
             {{"matchExpressions",
               Json::array({{{"key", kLabelZone}, {"operator", "In"}, {"values", {zone}}}})}}}};
}

std::vector<ScoreCase> cases() {
    auto rs = [](const std::string &name, const std::string &node) {
        return makePod(name).owner("ReplicaSet", "rs").node(node);
    };
    return {
        {"least allocated",
         "NodeResourcesLeastAllocated",
         makePod("p").cpu("1").memory("4Gi"),
         {makeNode("empty"), makeNode("half").withPod(makePod("q").cpu("1").memory("4Gi"))},
         // empty: cpu (4-1)/4=75, mem (16-4)/16=75; half: cpu 50, mem 50.
         {75, 50}},
        {"least allocated counts best-effort as 100m/200Mi",
         "NodeResourcesLeastAllocated",
         makePod("p"),
         {makeNode("n").cpu("1").memory("1Gi")},
         // cpu (1000-100)/1000=90, memory (1024-200)/1024=80 -> 85
         {85}},
        {"balanced allocation",
         "NodeResourcesBalancedAllocation",
         makePod("p").cpu("2"),
         {makeNode("balanced").withPod(makePod("q").memory("8Gi")), makeNode("skewed")},
         // balanced: cpu .5 mem .5 -> 100; skewed: cpu .5 mem 0 -> 1 - .25 = 75
         {100, 75}},
        {"preferred node affinity",
         "NodeAffinity",
         makePod("p")
             .affinity("nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution",
                       preferredZone(80, "a"))
             .affinity("nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution",
                       preferredZone(20, "b")),
         {makeNode("a").zone("a"), makeNode("b").zone("b"), makeNode("c").zone("c")},
         {100, 25, 0}},
        {"PreferNoSchedule taints",
         "TaintToleration",
         makePod("p"),
         {makeNode("clean"), makeNode("one").taint("x", "", "PreferNoSchedule"),
          makeNode("two").taint("x", "", "PreferNoSchedule").taint("y", "", "PreferNoSchedule")},
         {100, 50, 0}},
        {"PreferNoSchedule tolerated",
         "TaintToleration",
         makePod("p").toleration({{"key", "x"}, {"operator", "Exists"}}),
         {makeNode("clean"), makeNode("one").taint("x", "", "PreferNoSchedule")},
         {100, 100}},
        {"selector spread by node",
         "SelectorSpread",
         makePod("p").owner("ReplicaSet", "rs"),
         {makeNode("a").withPod(rs("r1", "a")).withPod(rs("r2", "a")),
          makeNode("b").withPod(rs("r3", "b")), makeNode("c")},
         {0, 50, 100}},
        {"selector spread by zone",
         "SelectorSpread",
         makePod("p").owner("ReplicaSet", "rs"),
         {makeNode("a1").zone("a").withPod(rs("r1", "a1")), makeNode("a2").zone("a"),
          makeNode("b1").zone("b")},
         // a2: node 100*(1/3) + zone 0*(2/3) = 33; b1: 100.
         {0, 33, 100}},
        {"selector spread ignores pods without owner",
         "SelectorSpread",
         makePod("p"),
         {makeNode("a").withPod(rs("r1", "a")), makeNode("b")},
         {0, 0}},
    };
}

class ScorePluginTest : public ::testing::TestWithParam<ScoreCase> {};

TEST_P(ScorePluginTest, Scores) {
    const ScoreCase &c = GetParam();
    std::vector<NodeInfo> nodes;
    for (const auto &node : c.nodes)
        nodes.push_back(node.info());
    PodInfoPtr pod = c.pod.info();
    ASSERT_NE(pod, nullptr);
    EXPECT_EQ(runScore(c.plugin, *pod, Snapshot::fromNodes(std::move(nodes))), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Table, ScorePluginTest, ::testing::ValuesIn(cases()),
                         [](const auto &info) {
                             std::string name;
                             for (char ch : info.param.title)
                                 name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                             return name;
                         });

} // namespace
} // namespace cox::scheduler::testing
