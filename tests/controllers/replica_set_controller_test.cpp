// ReplicaSetController against a memory-store ResourceService: scale up with owner references,
// expectations against double creation, scale-down victim choice, adoption and release, status.
#include "controllers/pod_ranking.h"
#include "controllers/replica_set_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

using std::chrono::seconds;

const Labels kApp = {{"app", "web"}};

std::vector<Json> podsOwnedBy(Harness &h, const Json &owner) {
    std::vector<Json> out;
    for (auto &pod : h.list("", "pods", "default")) {
        const Json *ref = controllerRefOf(pod);
        if (ref && (*ref)["uid"] == owner["metadata"]["uid"])
            out.push_back(pod);
    }
    return out;
}

struct RsFixture : ::testing::Test {
    Harness h;
    ReplicaSetController &rs = h.add<ReplicaSetController>(*h.api, *h.informers, *h.events);
};

TEST_F(RsFixture, ScaleUpCreatesOwnedPodsFromTheTemplate) {
    Json created = h.create("apps", "replicasets", makeReplicaSet("web", 3, kApp));
    h.runUntilIdle();
    auto pods = podsOwnedBy(h, created);
    ASSERT_EQ(pods.size(), 3u);
    for (const auto &pod : pods) {
        EXPECT_EQ(metaString(pod, "name").rfind("web-", 0), 0u) << metaString(pod, "name");
        EXPECT_EQ(labelsOf(pod), labelsJson(kApp));
        const Json *ref = controllerRefOf(pod);
        ASSERT_NE(ref, nullptr);
        EXPECT_EQ((*ref)["kind"], "ReplicaSet");
        EXPECT_EQ((*ref)["name"], "web");
        EXPECT_EQ((*ref)["blockOwnerDeletion"], true);
    }
    Json status = h.get("apps", "replicasets", "default", "web")["status"];
    EXPECT_EQ(status["replicas"], 3);
    EXPECT_EQ(status["fullyLabeledReplicas"], 3);
    EXPECT_EQ(status["readyReplicas"], 0);
    EXPECT_EQ(status["observedGeneration"], 1);
}

TEST_F(RsFixture, ExpectationsPreventDoubleCreationBeforeTheInformerCatchesUp) {
    Json created = h.create("apps", "replicasets", makeReplicaSet("web", 2, kApp));
    h.informers->pumpAll();
    ASSERT_TRUE(rs.processNext());
    ASSERT_EQ(podsOwnedBy(h, created).size(), 2u);
    // The informer has not delivered the two pods yet: a reconcile now must not create more.
    rs.queue().add("default/web");
    for (int i = 0; i < 100 && rs.processNext(); ++i) {
    }
    EXPECT_EQ(podsOwnedBy(h, created).size(), 2u);
    h.runUntilIdle();
    EXPECT_EQ(podsOwnedBy(h, created).size(), 2u);
}

TEST_F(RsFixture, ScaleDownThenUpFollowsSpecReplicas) {
    Json created = h.create("apps", "replicasets", makeReplicaSet("web", 4, kApp));
    h.runUntilIdle();
    h.patch("apps", "replicasets", "default", "web", {{"spec", {{"replicas", 1}}}});
    h.runUntilIdle();
    EXPECT_EQ(podsOwnedBy(h, created).size(), 1u);
    h.patch("apps", "replicasets", "default", "web", {{"spec", {{"replicas", 5}}}});
    h.runUntilIdle();
    EXPECT_EQ(podsOwnedBy(h, created).size(), 5u);
    EXPECT_EQ(h.get("apps", "replicasets", "default", "web")["status"]["replicas"], 5);
}

// Two orphans "a" (older) and "b" (10 s newer) are prepared, then adopted by a ReplicaSet of one
// replica: the controller must delete the one Kubernetes would.
struct VictimCase {
    const char *name;
    std::function<void(Harness &)> prepare;
    const char *victim;
};

class RsVictims : public ::testing::TestWithParam<VictimCase> {};

bool goneOrTerminating(Harness &h, const std::string &name) {
    auto ctx = controllerContext();
    auto pod = h.api->get(resourceType("", "pods"), "default", name, ctx);
    return !pod || isTerminating(*pod);
}

TEST_P(RsVictims, ScaleDownDeletesTheCheapestPod) {
    Harness h;
    h.add<ReplicaSetController>(*h.api, *h.informers, *h.events);
    h.create("", "pods", makePod("a", kApp));
    h.clock.advance(seconds(10));
    h.create("", "pods", makePod("b", kApp));
    GetParam().prepare(h);
    Json created = h.create("apps", "replicasets", makeReplicaSet("web", 1, kApp));
    h.runUntilIdle();
    std::string victim = GetParam().victim;
    std::string survivor = victim == "a" ? "b" : "a";
    EXPECT_TRUE(goneOrTerminating(h, victim));
    ASSERT_FALSE(goneOrTerminating(h, survivor));
    Json kept = h.get("", "pods", "default", survivor);
    ASSERT_NE(controllerRefOf(kept), nullptr) << "the survivor must have been adopted";
    EXPECT_EQ((*controllerRefOf(kept))["uid"], created["metadata"]["uid"]);
}

void readyBoth(Harness &h) {
    h.bindPod("default", "a", "n1");
    h.bindPod("default", "b", "n1");
    h.setPodReady("default", "a", true);
    h.setPodReady("default", "b", true);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RsVictims,
    ::testing::Values(VictimCase{"UnscheduledBeforeScheduled",
                                 [](Harness &h) { h.bindPod("default", "b", "n1"); }, "a"},
                      VictimCase{"PendingBeforeRunning",
                                 [](Harness &h) {
                                     h.bindPod("default", "a", "n1");
                                     h.bindPod("default", "b", "n1");
                                     h.setPodReady("default", "a", false);
                                 },
                                 "b"},
                      VictimCase{"NotReadyBeforeReady",
                                 [](Harness &h) {
                                     readyBoth(h);
                                     h.setPodReady("default", "a", false);
                                 },
                                 "a"},
                      VictimCase{"LowerDeletionCostFirst",
                                 [](Harness &h) {
                                     readyBoth(h);
                                     h.patch("", "pods", "default", "b",
                                             {{"metadata",
                                               {{"annotations", {{kPodDeletionCost, "10"}}}}}});
                                 },
                                 "a"},
                      VictimCase{"NewerFirst", readyBoth, "b"}),
    [](const auto &info) { return std::string(info.param.name); });

TEST_F(RsFixture, ReleasesPodsThatStopMatchingAndReplacesThem) {
    Json created = h.create("apps", "replicasets", makeReplicaSet("web", 2, kApp));
    h.runUntilIdle();
    auto pods = podsOwnedBy(h, created);
    ASSERT_EQ(pods.size(), 2u);
    std::string relabeled = metaString(pods[0], "name");
    h.patch("", "pods", "default", relabeled, {{"metadata", {{"labels", {{"app", "debug"}}}}}});
    h.runUntilIdle();
    Json released = h.get("", "pods", "default", relabeled);
    EXPECT_EQ(controllerRefOf(released), nullptr);
    EXPECT_TRUE(ownerRefsOf(released).empty());
    EXPECT_EQ(podsOwnedBy(h, created).size(), 2u) << "a replacement must have been created";
}

TEST_F(RsFixture, DoesNotAdoptPodsOwnedByAnotherController) {
    Json other = h.create("apps", "replicasets", makeReplicaSet("other", 1, {{"app", "other"}}));
    h.runUntilIdle();
    Json pod = podsOwnedBy(h, other).at(0);
    h.patch("", "pods", "default", metaString(pod, "name"),
            {{"metadata", {{"labels", {{"app", "web"}}}}}});
    // The pod now matches "web" but still belongs to "other" until "other" releases it.
    Json web = h.create("apps", "replicasets", makeReplicaSet("web", 1, kApp));
    h.runUntilIdle();
    EXPECT_EQ(podsOwnedBy(h, web).size(), 1u);
    EXPECT_EQ(podsOwnedBy(h, other).size(), 1u);
}

TEST_F(RsFixture, TerminatingPodsDoNotCountAndGetReplaced) {
    Json created = h.create("apps", "replicasets", makeReplicaSet("web", 2, kApp));
    h.runUntilIdle();
    auto pods = podsOwnedBy(h, created);
    ASSERT_EQ(pods.size(), 2u);
    std::string name = metaString(pods[0], "name");
    h.bindPod("default", name, "n1");
    h.setPodReady("default", name, true);
    auto ctx = controllerContext();
    auto removed = h.api->remove(resourceType("", "pods"), "default", name, {}, ctx);
    ASSERT_TRUE(removed.isOk());
    ASSERT_FALSE(removed->removed) << "a bound pod terminates gracefully";
    h.runUntilIdle();
    EXPECT_EQ(podsOwnedBy(h, created).size(), 3u);
    EXPECT_EQ(h.get("apps", "replicasets", "default", "web")["status"]["replicas"], 2);
}

TEST_F(RsFixture, AvailableReplicasWaitForMinReadySeconds) {
    Json rsObject = makeReplicaSet("web", 2, kApp);
    rsObject["spec"]["minReadySeconds"] = 30;
    Json created = h.create("apps", "replicasets", rsObject);
    h.runUntilIdle();
    for (const auto &pod : podsOwnedBy(h, created))
        h.setPodReady("default", metaString(pod, "name"), true);
    h.runUntilIdle();
    Json status = h.get("apps", "replicasets", "default", "web")["status"];
    EXPECT_EQ(status["readyReplicas"], 2);
    EXPECT_EQ(status["availableReplicas"], 0);
    h.advance(seconds(30));
    status = h.get("apps", "replicasets", "default", "web")["status"];
    EXPECT_EQ(status["availableReplicas"], 2);
}

TEST_F(RsFixture, RecordsEventsForCreatedPods) {
    h.create("apps", "replicasets", makeReplicaSet("web", 2, kApp));
    h.runUntilIdle();
    int created = 0;
    for (const auto &event : h.list("", "events", "default"))
        if (event["reason"] == "SuccessfulCreate" && event["involvedObject"]["name"] == "web")
            ++created;
    EXPECT_EQ(created, 2);
}

} // namespace
} // namespace cox::controllers::testing
