// PodMoveController with the ReplicaSet controller beside it (memory store, fake clock): make
// before break for owned pods without the ReplicaSet fighting, rollback of a failed or late
// replacement, recreation of a bare pod, binding of a pending pod.
#include "controllers/pod_move.h"
#include "controllers/pod_move_controller.h"
#include "controllers/replica_set_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

const Labels kApp = {{"app", "web"}};

Json makeMove(const std::string &name, const std::string &pod, const std::string &node) {
    return {{"apiVersion", "coxswain.io/v1"},
            {"kind", "PodMove"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec", {{"podName", pod}, {"targetNode", node}}}};
}

struct MoveFixture : ::testing::Test {
    Harness h;
    ReplicaSetController &rs = h.add<ReplicaSetController>(*h.api, *h.informers, *h.events);
    PodMoveController &moves = h.add<PodMoveController>(*h.api, *h.informers, *h.events);

    // A ReplicaSet of `n` pods, all bound to node-a and Ready.
    std::vector<std::string> runningReplicaSet(int n) {
        h.create("apps", "replicasets", makeReplicaSet("web", n, kApp));
        h.runUntilIdle();
        std::vector<std::string> names;
        for (auto &pod : h.list("", "pods", "default")) {
            names.push_back(metaString(pod, "name"));
            h.bindPod("default", names.back(), "node-a");
            h.setPodReady("default", names.back(), true);
        }
        h.runUntilIdle();
        return names;
    }
    Json move(const std::string &name) { return h.get("coxswain.io", "podmoves", "default", name); }
    std::string phase(const std::string &name) { return stringAt(move(name), {"status", "phase"}); }
    int activeReadyPods() {
        int ready = 0;
        for (auto &pod : h.list("", "pods", "default"))
            ready += isPodActive(pod) && isPodReady(pod);
        return ready;
    }
};

TEST_F(MoveFixture, OwnedPodMovesMakeBeforeBreakWithoutTheReplicaSetFighting) {
    auto names = runningReplicaSet(2);
    h.create("coxswain.io", "podmoves", makeMove("m1", names[0], "node-b"));
    h.runUntilIdle();
    // The replacement exists, bound to node-b; the original is untouched; nothing else created.
    auto pods = h.list("", "pods", "default");
    ASSERT_EQ(pods.size(), 3u);
    std::string replacement = stringAt(move("m1"), {"status", "replacementPod"});
    ASSERT_FALSE(replacement.empty());
    Json r = h.get("", "pods", "default", replacement);
    EXPECT_EQ(stringAt(r, {"spec", "nodeName"}), "node-b");
    EXPECT_EQ(annotation(r, kAnnotationReplaces), names[0]);
    EXPECT_EQ((*controllerRefOf(r))["name"], "web");
    EXPECT_EQ(phase("m1"), "Running");
    EXPECT_EQ(activeReadyPods(), 2);
    // Time passes, the replacement is still not Ready: nobody deletes anything.
    h.advance(std::chrono::seconds(20));
    EXPECT_TRUE(h.exists("", "pods", "default", names[0]));
    EXPECT_EQ(h.list("", "pods", "default").size(), 3u);
    // Ready: the original goes, the move succeeds, and the ReplicaSet keeps two.
    h.setPodReady("default", replacement, true);
    h.runUntilIdle();
    EXPECT_EQ(phase("m1"), "Succeeded");
    EXPECT_TRUE(isTerminating(h.get("", "pods", "default", names[0])) ||
                !h.exists("", "pods", "default", names[0]));
    h.runUntilIdle();
    EXPECT_EQ(activeReadyPods(), 2);
    int active = 0;
    for (auto &pod : h.list("", "pods", "default"))
        active += isPodActive(pod);
    EXPECT_EQ(active, 2);
}

TEST_F(MoveFixture, FailedReplacementRollsBackAndKeepsTheOriginal) {
    auto names = runningReplicaSet(1);
    h.create("coxswain.io", "podmoves", makeMove("m1", names[0], "node-b"));
    h.runUntilIdle();
    std::string replacement = stringAt(move("m1"), {"status", "replacementPod"});
    Json r = h.get("", "pods", "default", replacement);
    r["status"] = {
        {"phase", "Failed"},
        {"containerStatuses",
         Json::array({{{"name", "app"}, {"state", {{"waiting", {{"reason", "ErrImagePull"}}}}}}})}};
    h.updateStatus("", "pods", r);
    h.runUntilIdle();
    EXPECT_EQ(phase("m1"), "Failed");
    EXPECT_NE(stringAt(move("m1"), {"status", "message"}).find("ErrImagePull"), std::string::npos)
        << move("m1").dump();
    EXPECT_TRUE(isPodActive(h.get("", "pods", "default", names[0])));
    EXPECT_FALSE(h.exists("", "pods", "default", replacement) &&
                 isPodActive(h.get("", "pods", "default", replacement)));
}

TEST_F(MoveFixture, ReplacementNotReadyInTimeRollsBack) {
    auto names = runningReplicaSet(1);
    h.create("coxswain.io", "podmoves", makeMove("m1", names[0], "node-b"));
    h.runUntilIdle();
    h.advance(std::chrono::seconds(299));
    EXPECT_EQ(phase("m1"), "Running");
    h.advance(std::chrono::seconds(5));
    EXPECT_EQ(phase("m1"), "Failed");
    EXPECT_NE(stringAt(move("m1"), {"status", "message"}).find("not Ready after 300s"),
              std::string::npos);
    EXPECT_TRUE(isPodActive(h.get("", "pods", "default", names[0])));
}

TEST_F(MoveFixture, BarePodIsRecreatedOnTheTargetWithItsNameAndSpec) {
    Json pod = makePod("solo", kApp);
    pod["spec"]["nodeName"] = "node-a";
    Json created = h.create("", "pods", pod);
    h.setPodReady("default", "solo", true);
    h.create("coxswain.io", "podmoves", makeMove("m1", "solo", "node-b"));
    h.runUntilIdle();
    // Graceful deletion: the pod is terminating until its node confirms.
    Json terminating = h.get("", "pods", "default", "solo");
    ASSERT_TRUE(isTerminating(terminating));
    EXPECT_EQ(phase("m1"), "Running");
    // The "kubelet" confirms the deletion.
    apiserver::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    ASSERT_TRUE(
        h.api->remove(resourceType("", "pods"), "default", "solo", now, controllerContext()));
    h.advance(std::chrono::seconds(3));
    Json recreated = h.get("", "pods", "default", "solo");
    EXPECT_NE(metaString(recreated, "uid"), metaString(created, "uid"));
    EXPECT_EQ(stringAt(recreated, {"spec", "nodeName"}), "node-b");
    EXPECT_EQ(labelsOf(recreated), labelsJson(kApp));
    EXPECT_EQ(phase("m1"), "Running");
    h.setPodReady("default", "solo", true);
    h.runUntilIdle();
    EXPECT_EQ(phase("m1"), "Succeeded");
}

TEST_F(MoveFixture, PendingPodIsBound) {
    h.create("", "pods", makePod("waiting", kApp));
    h.create("coxswain.io", "podmoves", makeMove("m1", "waiting", "node-b"));
    h.runUntilIdle();
    EXPECT_EQ(phase("m1"), "Succeeded");
    EXPECT_EQ(stringAt(h.get("", "pods", "default", "waiting"), {"spec", "nodeName"}), "node-b");
}

TEST_F(MoveFixture, MissingPodFailsTheMove) {
    h.create("coxswain.io", "podmoves", makeMove("m1", "ghost", "node-b"));
    h.runUntilIdle();
    EXPECT_EQ(phase("m1"), "Failed");
    EXPECT_NE(stringAt(move("m1"), {"status", "message"}).find("ghost"), std::string::npos);
}

} // namespace
} // namespace cox::controllers::testing
