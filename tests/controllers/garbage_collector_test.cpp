// GarbageCollector: background cascade, references to vanished owners dropped while another
// owner remains, foreground deletion (dependents first, waiting for terminating ones), orphaning.
#include "controllers/garbage_collector.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

const Labels kApp = {{"app", "web"}};

struct GcFixture : ::testing::Test {
    Harness h;
    GarbageCollector &gc = h.add<GarbageCollector>(*h.api, *h.informers);

    Json owner(const std::string &name) {
        return h.create("apps", "replicasets", makeReplicaSet(name, 0, kApp));
    }
    Json dependent(const std::string &name, std::vector<Json> owners, bool block = true) {
        Json pod = makePod(name, kApp);
        pod["metadata"]["ownerReferences"] = Json::array();
        for (const auto &o : owners)
            pod["metadata"]["ownerReferences"].push_back(makeOwnerRef(o, false, block));
        return h.create("", "pods", pod);
    }
    Result<apiserver::DeleteOutcome> remove(const char *group, const char *plural,
                                            const std::string &name, const std::string &policy) {
        apiserver::DeleteOptions opts;
        opts.propagationPolicy = policy;
        auto ctx = controllerContext();
        return h.api->remove(resourceType(group, plural), "default", name, opts, ctx);
    }
    bool podExists(const std::string &name) { return h.exists("", "pods", "default", name); }
};

TEST_F(GcFixture, BackgroundDeletesDependentsOfAGoneOwner) {
    Json rs = owner("web");
    dependent("a", {rs});
    dependent("b", {rs});
    Json other = makePod("unowned", kApp);
    h.create("", "pods", other);
    h.runUntilIdle();
    ASSERT_TRUE(remove("apps", "replicasets", "web", "Background").isOk());
    h.runUntilIdle();
    EXPECT_FALSE(podExists("a"));
    EXPECT_FALSE(podExists("b"));
    EXPECT_TRUE(podExists("unowned"));
}

TEST_F(GcFixture, DependentWithAnotherLiveOwnerOnlyLosesTheReference) {
    Json first = owner("first");
    Json second = owner("second");
    dependent("shared", {first, second});
    h.runUntilIdle();
    ASSERT_TRUE(remove("apps", "replicasets", "first", "Background").isOk());
    h.runUntilIdle();
    ASSERT_TRUE(podExists("shared"));
    Json pod = h.get("", "pods", "default", "shared");
    ASSERT_EQ(ownerRefsOf(pod).size(), 1u);
    EXPECT_EQ(ownerRefsOf(pod)[0]["uid"], second["metadata"]["uid"]);
}

TEST_F(GcFixture, DependentCreatedAfterItsOwnerIsGoneIsCollected) {
    Json rs = owner("web");
    ASSERT_TRUE(remove("apps", "replicasets", "web", "Background").isOk());
    dependent("late", {rs});
    h.runUntilIdle();
    EXPECT_FALSE(podExists("late"));
}

TEST_F(GcFixture, ForegroundDeletesDependentsBeforeTheOwner) {
    Json rs = owner("web");
    dependent("a", {rs});
    dependent("b", {rs}, false);
    h.bindPod("default", "a", "n1"); // a terminates gracefully: the owner must wait for it
    h.runUntilIdle();
    auto outcome = remove("apps", "replicasets", "web", "Foreground");
    ASSERT_TRUE(outcome.isOk());
    EXPECT_FALSE(outcome->removed);
    h.runUntilIdle();
    EXPECT_FALSE(podExists("b"));
    ASSERT_TRUE(podExists("a"));
    EXPECT_TRUE(isTerminating(h.get("", "pods", "default", "a")));
    Json waiting = h.get("apps", "replicasets", "default", "web");
    EXPECT_TRUE(isTerminating(waiting)) << "a blocking dependent is still there";
    // The kubelet finishes pod a; then the owner goes.
    apiserver::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    auto ctx = controllerContext();
    ASSERT_TRUE(h.api->remove(resourceType("", "pods"), "default", "a", now, ctx).isOk());
    h.runUntilIdle();
    EXPECT_FALSE(podExists("a"));
    EXPECT_FALSE(h.exists("apps", "replicasets", "default", "web"));
}

TEST_F(GcFixture, OrphanKeepsDependentsAndRemovesTheirReferences) {
    Json rs = owner("web");
    Json keep = owner("keep");
    dependent("a", {rs});
    dependent("b", {rs, keep});
    h.runUntilIdle();
    auto outcome = remove("apps", "replicasets", "web", "Orphan");
    ASSERT_TRUE(outcome.isOk());
    h.runUntilIdle();
    EXPECT_FALSE(h.exists("apps", "replicasets", "default", "web"));
    ASSERT_TRUE(podExists("a"));
    ASSERT_TRUE(podExists("b"));
    EXPECT_TRUE(ownerRefsOf(h.get("", "pods", "default", "a")).empty());
    Json b = h.get("", "pods", "default", "b");
    ASSERT_EQ(ownerRefsOf(b).size(), 1u);
    EXPECT_EQ(ownerRefsOf(b)[0]["uid"], keep["metadata"]["uid"]);
}

} // namespace
} // namespace cox::controllers::testing
