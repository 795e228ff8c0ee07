// DeploymentController with the ReplicaSet controller: first rollout, rolling update within
// maxSurge/maxUnavailable while the test plays kubelet (marking pods ready), rollback,
// Recreate, paused deployments, progress deadline and revision history cleanup.
#include "controllers/deployment_controller.h"
#include "controllers/replica_set_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

using std::chrono::seconds;

const Labels kApp = {{"app", "web"}};

struct DeployFixture : ::testing::Test {
    Harness h;
    ReplicaSetController &rsc = h.add<ReplicaSetController>(*h.api, *h.informers, *h.events);
    DeploymentController &dc = h.add<DeploymentController>(*h.api, *h.informers, *h.events);

    std::vector<Json> replicaSets() { return h.list("apps", "replicasets", "default"); }
    std::vector<Json> activePods() {
        std::vector<Json> out;
        for (auto &pod : h.list("", "pods", "default"))
            if (isPodActive(pod))
                out.push_back(pod);
        return out;
    }
    int readyPods() {
        int n = 0;
        for (const auto &pod : activePods())
            n += isPodReady(pod);
        return n;
    }
    // The kubelet's part: every pod that is not ready becomes ready.
    void readyAll() {
        for (const auto &pod : activePods())
            if (!isPodReady(pod))
                h.setPodReady("default", metaString(pod, "name"), true);
    }
    Json deployment() { return h.get("apps", "deployments", "default", "web"); }
    bool rolledOut() {
        Json d = deployment();
        const Json s = d["status"].is_object() ? d["status"] : Json::object();
        int replicas = d["spec"]["replicas"].get<int>();
        return s.value("observedGeneration", 0) >= d["metadata"]["generation"].get<int>() &&
               s.value("updatedReplicas", 0) == replicas && s.value("replicas", 0) == replicas &&
               s.value("availableReplicas", 0) == replicas;
    }
    Json replicaSetWithImage(const std::string &image) {
        for (auto &rs : replicaSets())
            if (rs["spec"]["template"]["spec"]["containers"][0]["image"] == image)
                return rs;
        ADD_FAILURE() << "no replica set with image " << image;
        return Json();
    }
    void setImage(const std::string &image) {
        h.patch(
            "apps", "deployments", "default", "web",
            {{"spec",
              {{"template",
                {{"spec", {{"containers", podTemplate(kApp, image)["spec"]["containers"]}}}}}}}});
    }
    std::string condition(const char *type, const char *field) {
        for (const auto &c : deployment()["status"].value("conditions", Json::array()))
            if (c["type"] == type)
                return c.value(field, std::string());
        return {};
    }
    // Rolls forward, checking the surge and availability bounds at every quiet point.
    void rollOut(int replicas, int maxSurge, int maxUnavailable, bool checkBounds = true) {
        for (int step = 0; step < 60 && !rolledOut(); ++step) {
            h.runUntilIdle();
            if (checkBounds) {
                EXPECT_LE(static_cast<int>(activePods().size()), replicas + maxSurge)
                    << "step " << step;
                EXPECT_GE(readyPods(), replicas - maxUnavailable) << "step " << step;
            }
            readyAll();
            h.runUntilIdle();
        }
        ASSERT_TRUE(rolledOut()) << deployment()["status"].dump();
    }
};

TEST_F(DeployFixture, CreateMakesRevisionOneReplicaSetAndCompletes) {
    h.create("apps", "deployments", makeDeployment("web", 3, kApp));
    h.runUntilIdle();
    auto rses = replicaSets();
    ASSERT_EQ(rses.size(), 1u);
    const Json &rs = rses[0];
    std::string hash = rs["metadata"]["labels"][kPodTemplateHashLabel];
    EXPECT_EQ(metaString(rs, "name"), "web-" + hash);
    EXPECT_EQ(annotation(rs, kRevisionAnnotation), "1");
    EXPECT_EQ(annotation(rs, kDesiredReplicasAnnotation), "3");
    EXPECT_EQ(annotation(rs, kMaxReplicasAnnotation), "4"); // 25% surge of 3, rounded up
    EXPECT_EQ(rs["spec"]["selector"]["matchLabels"][kPodTemplateHashLabel], hash);
    EXPECT_EQ(activePods().size(), 3u);
    EXPECT_EQ(condition("Progressing", "status"), "True"); // NewReplicaSetCreated, then progress
    readyAll();
    h.runUntilIdle();
    EXPECT_TRUE(rolledOut());
    EXPECT_EQ(condition("Progressing", "reason"), "NewReplicaSetAvailable");
    EXPECT_EQ(condition("Available", "status"), "True");
    EXPECT_EQ(deployment()["status"]["unavailableReplicas"], 0);
}

struct RollingCase {
    const char *name;
    int replicas;
    Json maxSurge;
    Json maxUnavailable;
    int surge;       // resolved
    int unavailable; // resolved
};

class RollingUpdate : public DeployFixture, public ::testing::WithParamInterface<RollingCase> {};

TEST_P(RollingUpdate, StaysWithinSurgeAndAvailability) {
    const RollingCase &c = GetParam();
    Json d = makeDeployment("web", c.replicas, kApp);
    d["spec"]["strategy"] = {
        {"type", "RollingUpdate"},
        {"rollingUpdate", {{"maxSurge", c.maxSurge}, {"maxUnavailable", c.maxUnavailable}}}};
    h.create("apps", "deployments", d);
    h.runUntilIdle();
    readyAll();
    h.runUntilIdle();
    ASSERT_TRUE(rolledOut());
    setImage("nginx:1.26");
    rollOut(c.replicas, c.surge, c.unavailable);
    Json newRs = replicaSetWithImage("nginx:1.26");
    Json oldRs = replicaSetWithImage("nginx:1.25");
    EXPECT_EQ(annotation(newRs, kRevisionAnnotation), "2");
    EXPECT_EQ(newRs["spec"]["replicas"], c.replicas);
    EXPECT_EQ(oldRs["spec"]["replicas"], 0);
    EXPECT_EQ(condition("Progressing", "reason"), "NewReplicaSetAvailable");
}

INSTANTIATE_TEST_SUITE_P(Table, RollingUpdate,
                         ::testing::Values(RollingCase{"OneAndOne", 4, 1, 1, 1, 1},
                                           RollingCase{"SurgeOnly", 3, 1, 0, 1, 0},
                                           RollingCase{"UnavailableOnly", 3, 0, 1, 0, 1},
                                           RollingCase{"Percentages", 10, "30%", "20%", 3, 2}),
                         [](const auto &info) { return std::string(info.param.name); });

TEST_F(DeployFixture, RollbackMakesTheOldReplicaSetNewAgain) {
    h.create("apps", "deployments", makeDeployment("web", 2, kApp));
    rollOut(2, 1, 0, false); // first rollout: nothing is available yet
    setImage("nginx:1.26");
    rollOut(2, 1, 0);
    Json first = replicaSetWithImage("nginx:1.25");
    // What `kubectl rollout undo` does: put the old template back.
    setImage("nginx:1.25");
    rollOut(2, 1, 0);
    Json revived = replicaSetWithImage("nginx:1.25");
    EXPECT_EQ(metaString(revived, "uid"), metaString(first, "uid")) << "no new replica set";
    EXPECT_EQ(annotation(revived, kRevisionAnnotation), "3");
    EXPECT_EQ(revived["spec"]["replicas"], 2);
    EXPECT_EQ(replicaSetWithImage("nginx:1.26")["spec"]["replicas"], 0);
    EXPECT_EQ(replicaSets().size(), 2u);
}

TEST_F(DeployFixture, RecreateWaitsForOldPodsToBeGone) {
    Json d = makeDeployment("web", 2, kApp);
    d["spec"]["strategy"] = {{"type", "Recreate"}};
    h.create("apps", "deployments", d);
    h.runUntilIdle();
    for (const auto &pod : activePods())
        h.bindPod("default", metaString(pod, "name"), "n1"); // deletion is now graceful
    readyAll();
    h.runUntilIdle();
    ASSERT_TRUE(rolledOut());
    setImage("nginx:1.26");
    h.runUntilIdle();
    Json old = replicaSetWithImage("nginx:1.25");
    EXPECT_EQ(old["spec"]["replicas"], 0);
    for (const auto &rs : replicaSets())
        EXPECT_NE(rs["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.26")
            << "the new replica set must wait for the old pods";
    // The kubelet finishes the terminating pods.
    apiserver::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    auto ctx = controllerContext();
    for (const auto &pod : h.list("", "pods", "default"))
        ASSERT_TRUE(
            h.api->remove(resourceType("", "pods"), "default", metaString(pod, "name"), now, ctx)
                .isOk());
    h.runUntilIdle();
    EXPECT_EQ(replicaSetWithImage("nginx:1.26")["spec"]["replicas"], 2);
    EXPECT_EQ(activePods().size(), 2u);
}

TEST_F(DeployFixture, PausedDeploymentIsNotRolled) {
    h.create("apps", "deployments", makeDeployment("web", 2, kApp));
    rollOut(2, 1, 0, false); // first rollout: nothing is available yet
    h.patch("apps", "deployments", "default", "web", {{"spec", {{"paused", true}}}});
    setImage("nginx:1.26");
    h.runUntilIdle();
    EXPECT_EQ(replicaSets().size(), 1u);
    EXPECT_EQ(condition("Progressing", "reason"), "DeploymentPaused");
    // Scaling still works while paused.
    h.patch("apps", "deployments", "default", "web", {{"spec", {{"replicas", 3}}}});
    h.runUntilIdle();
    EXPECT_EQ(replicaSetWithImage("nginx:1.25")["spec"]["replicas"], 3);
    readyAll();
    h.runUntilIdle();
    h.patch("apps", "deployments", "default", "web", {{"spec", {{"paused", false}}}});
    rollOut(3, 1, 0);
    EXPECT_EQ(replicaSetWithImage("nginx:1.26")["spec"]["replicas"], 3);
}

TEST_F(DeployFixture, ProgressDeadlineExceededWhenPodsNeverBecomeReady) {
    Json d = makeDeployment("web", 2, kApp);
    d["spec"]["progressDeadlineSeconds"] = 60;
    h.create("apps", "deployments", d);
    h.runUntilIdle();
    h.advance(seconds(30));
    EXPECT_EQ(condition("Progressing", "status"), "True");
    h.advance(seconds(32));
    EXPECT_EQ(condition("Progressing", "status"), "False");
    EXPECT_EQ(condition("Progressing", "reason"), "ProgressDeadlineExceeded");
    EXPECT_EQ(condition("Available", "status"), "False");
}

TEST_F(DeployFixture, OldReplicaSetsBeyondHistoryLimitAreDeleted) {
    Json d = makeDeployment("web", 1, kApp);
    d["spec"]["revisionHistoryLimit"] = 1;
    h.create("apps", "deployments", d);
    rollOut(1, 1, 0, false);
    for (const char *image : {"nginx:1.26", "nginx:1.27", "nginx:1.28"}) {
        setImage(image);
        rollOut(1, 1, 0);
    }
    auto rses = replicaSets();
    ASSERT_EQ(rses.size(), 2u); // the new one and one old revision
    EXPECT_EQ(replicaSetWithImage("nginx:1.28")["spec"]["replicas"], 1);
    EXPECT_EQ(annotation(replicaSetWithImage("nginx:1.27"), kRevisionAnnotation), "3");
}

TEST_F(DeployFixture, ScalingMidRolloutScalesReplicaSetsProportionally) {
    Json d = makeDeployment("web", 10, kApp);
    d["spec"]["strategy"] = {{"type", "RollingUpdate"},
                             {"rollingUpdate", {{"maxSurge", 3}, {"maxUnavailable", 0}}}};
    h.create("apps", "deployments", d);
    rollOut(10, 3, 0, false);
    setImage("nginx:1.26");
    h.runUntilIdle(); // new RS at 3 (surge), old still 10, nothing ready yet
    ASSERT_EQ(replicaSetWithImage("nginx:1.26")["spec"]["replicas"], 3);
    h.patch("apps", "deployments", "default", "web", {{"spec", {{"replicas", 20}}}});
    h.runUntilIdle();
    int oldReplicas = replicaSetWithImage("nginx:1.25")["spec"]["replicas"];
    int newReplicas = replicaSetWithImage("nginx:1.26")["spec"]["replicas"];
    EXPECT_EQ(oldReplicas + newReplicas, 23); // 20 + maxSurge 3
    EXPECT_GT(oldReplicas, 10);
    EXPECT_GT(newReplicas, 3);
    // Scaling up makes the deployment short of its minimum for a while: no bounds check.
    rollOut(20, 3, 0, false);
}

} // namespace
} // namespace cox::controllers::testing
