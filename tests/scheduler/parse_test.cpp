// PodInfo/NodeInfo parsing: effective requests, host ports, owners, selectors and taints.
#include "builders.h"

#include "scheduler/label_selector.h"

namespace cox::scheduler::testing {
namespace {

TEST(PodInfoParse, SumsContainersAndTakesMaxOfInitContainers) {
    Json pod = makePod("p").cpu("250m").memory("64Mi").json();
    pod["spec"]["containers"].push_back(
        {{"name", "b"}, {"resources", {{"requests", {{"cpu", "250m"}}}}}});
    pod["spec"]["initContainers"] = Json::array(
        {{{"name", "i"}, {"resources", {{"requests", {{"cpu", "2"}, {"memory", "1Mi"}}}}}}});
    pod["spec"]["overhead"] = {{"cpu", "10m"}};
    auto info = PodInfo::fromJson(pod);
    ASSERT_TRUE(info.isOk()) << info.status().message();
    EXPECT_EQ((*info)->requests.milliCpu, 2010);
    EXPECT_EQ((*info)->requests.memory, 64 * 1024 * 1024);
    EXPECT_EQ((*info)->nonZeroMilliCpu, 500);
}

TEST(PodInfoParse, DefaultsForBestEffortScoring) {
    PodInfoPtr pod = makePod("p");
    EXPECT_EQ(pod->requests.milliCpu, 0);
    EXPECT_EQ(pod->nonZeroMilliCpu, 100);
    EXPECT_EQ(pod->nonZeroMemory, 200 * 1024 * 1024);
}

TEST(PodInfoParse, OwnerPortsAndPriority) {
    PodInfoPtr pod = makePod("p").owner("ReplicaSet", "rs-1").hostPort(8080).priority(7);
    EXPECT_EQ(pod->ownerKey, "ReplicaSet/rs-1");
    ASSERT_EQ(pod->hostPorts.size(), 1u);
    EXPECT_EQ(pod->hostPorts[0].port, 8080);
    EXPECT_EQ(pod->priority, 7);
    EXPECT_EQ(pod->key(), "default/p");
}

TEST(PodInfoParse, RejectsMalformedQuantityAndOperator) {
    EXPECT_FALSE(PodInfo::fromJson(makePod("p").cpu("lots").json()).isOk());
    Json pod = makePod("p").json();
    Json badTerm = PodBuilder::term("x", kLabelHostname);
    badTerm["labelSelector"]["matchExpressions"] =
        Json::array({{{"key", "a"}, {"operator", "Near"}}});
    pod["spec"]["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"] =
        Json::array({badTerm});
    EXPECT_FALSE(PodInfo::fromJson(pod).isOk());
    EXPECT_FALSE(PodInfo::fromJson(Json::parse(R"({"spec": {}})")).isOk());
    EXPECT_FALSE(
        PodInfo::fromJson(Json::parse(R"({"metadata": {"name": "x"}, "spec": 5})")).isOk());
}

TEST(NodeInfoParse, AllocatableTaintsAndAccounting) {
    NodeInfo node = makeNode("n").cpu("2").taint("k", "v", "NoSchedule");
    EXPECT_EQ(node.allocatable().milliCpu, 2000);
    EXPECT_EQ(node.allocatable().memory, int64_t(16) << 30);
    EXPECT_EQ(node.allocatable().pods, 110);
    ASSERT_EQ(node.taints().size(), 1u);
    node.addPod(makePod("a").cpu("500m").hostPort(80).requiredAntiAffinity("x", kLabelHostname));
    node.addPod(makePod("b").cpu("250m"));
    EXPECT_EQ(node.requested().milliCpu, 750);
    EXPECT_EQ(node.usedPorts().size(), 1u);
    EXPECT_EQ(node.podsWithRequiredAntiAffinity(), 1);
    EXPECT_TRUE(node.removePod("default", "a"));
    EXPECT_FALSE(node.removePod("default", "a"));
    EXPECT_EQ(node.requested().milliCpu, 250);
    EXPECT_TRUE(node.usedPorts().empty());
    EXPECT_EQ(node.podsWithRequiredAntiAffinity(), 0);
}

TEST(NodeInfoParse, ReadyConditionBecomesTaintOnce) {
    NodeInfo ready = makeNode("n");
    EXPECT_TRUE(ready.taints().empty());
    NodeInfo notReady = makeNode("n").ready("False").taint(kTaintNotReady, "", "NoSchedule");
    EXPECT_EQ(notReady.taints().size(), 1u);
    EXPECT_FALSE(NodeInfo::fromJson(Json::parse(R"({"metadata": {}})")).isOk());
}

TEST(LabelSelectorTest, NullMatchesNothingEmptyMatchesEverything) {
    Labels labels{{"app", "web"}, {"tier", "front"}};
    EXPECT_FALSE(LabelSelector::fromJson(Json()).value().matches(labels));
    EXPECT_TRUE(LabelSelector::fromJson(Json::object()).value().matches(labels));
    auto selector = LabelSelector::fromJson(
        {{"matchLabels", {{"app", "web"}}},
         {"matchExpressions",
          Json::array({{{"key", "tier"}, {"operator", "In"}, {"values", {"front", "x"}}},
                       {{"key", "gone"}, {"operator", "DoesNotExist"}}})}});
    ASSERT_TRUE(selector.isOk());
    EXPECT_TRUE(selector->matches(labels));
    labels["gone"] = "here";
    EXPECT_FALSE(selector->matches(labels));
}

} // namespace
} // namespace cox::scheduler::testing
