// ClusterCache: node/pod bookkeeping, assumed pods and their expiry, copy-on-write snapshots.
#include "builders.h"

#include "scheduler/cluster_cache.h"

namespace cox::scheduler::testing {
namespace {

using namespace std::chrono_literals;

TEST(ClusterCacheTest, PodsCountOnTheirNode) {
    FakeClock clock;
    ClusterCache cache(clock);
    ASSERT_TRUE(cache.upsertNode(makeNode("a").json()).isOk());
    ASSERT_TRUE(cache.upsertNode(makeNode("b").json()).isOk());
    ASSERT_TRUE(cache.upsertPod(makePod("p").cpu("1").node("a").json()).isOk());
    ASSERT_TRUE(cache.upsertPod(makePod("pending").cpu("1").json()).isOk());
    Snapshot snapshot = cache.snapshot();
    ASSERT_EQ(snapshot.size(), 2u);
    EXPECT_EQ(snapshot.find("a")->requested().milliCpu, 1000);
    EXPECT_EQ(snapshot.find("b")->requested().milliCpu, 0);
    EXPECT_EQ(cache.podCount(), 1u) << "pending pods are the queue's";
    // A pod moving nodes (re-created elsewhere) is accounted once.
    cache.upsertPod(makePod("p").cpu("1").node("b"));
    Snapshot after = cache.snapshot();
    EXPECT_EQ(after.find("a")->requested().milliCpu, 0);
    EXPECT_EQ(after.find("b")->requested().milliCpu, 1000);
    // The earlier snapshot is immutable.
    EXPECT_EQ(snapshot.find("a")->requested().milliCpu, 1000);
    cache.removePod("default", "p");
    EXPECT_EQ(cache.snapshot().find("b")->requested().milliCpu, 0);
}

TEST(ClusterCacheTest, UnchangedNodesAreSharedBetweenSnapshots) {
    ClusterCache cache;
    cache.upsertNode(makeNode("a"));
    cache.upsertNode(makeNode("b"));
    Snapshot first = cache.snapshot();
    cache.upsertPod(makePod("p").node("b"));
    Snapshot second = cache.snapshot();
    EXPECT_EQ(first.nodes()[0].get(), second.nodes()[0].get());
    EXPECT_NE(first.nodes()[1].get(), second.nodes()[1].get());
}

TEST(ClusterCacheTest, PodsBeforeTheirNodeAndNodeRemoval) {
    ClusterCache cache;
    cache.upsertNode(makeNode("a"));
    cache.upsertNode(makeNode("b"));
    cache.upsertNode(makeNode("c"));
    cache.upsertPod(makePod("early").cpu("1").node("d"));
    EXPECT_EQ(cache.snapshot().size(), 3u);
    cache.upsertNode(makeNode("d"));
    Snapshot withD = cache.snapshot();
    ASSERT_NE(withD.find("d"), nullptr);
    EXPECT_EQ(withD.find("d")->requested().milliCpu, 1000);
    cache.removeNode("a");
    Snapshot withoutA = cache.snapshot();
    EXPECT_EQ(withoutA.size(), 3u);
    EXPECT_EQ(withoutA.find("a"), nullptr);
    for (const char *name : {"b", "c", "d"})
        ASSERT_NE(withoutA.find(name), nullptr) << name;
    EXPECT_EQ(withoutA.find("d")->name(), "d");
}

TEST(ClusterCacheTest, AssumedPodsConfirmForgetAndExpire) {
    FakeClock clock;
    ClusterCache cache(clock, 30s);
    cache.upsertNode(makeNode("a"));
    PodInfoPtr pod = makePod("p").cpu("1").node("a");
    ASSERT_TRUE(cache.assume(pod, "a").isOk());
    EXPECT_FALSE(cache.assume(pod, "a").isOk()) << "assumed twice";
    EXPECT_TRUE(cache.isAssumed("default/p"));
    EXPECT_EQ(cache.snapshot().find("a")->requested().milliCpu, 1000);

    cache.forget("default/p");
    EXPECT_EQ(cache.snapshot().find("a")->requested().milliCpu, 0);

    ASSERT_TRUE(cache.assume(pod, "a").isOk());
    clock.advance(1h);
    EXPECT_EQ(cache.expireAssumed(), 0u) << "TTL starts when binding finishes";
    cache.finishBinding("default/p");
    clock.advance(29s);
    EXPECT_EQ(cache.expireAssumed(), 0u);
    clock.advance(1s);
    EXPECT_EQ(cache.expireAssumed(), 1u);
    EXPECT_EQ(cache.snapshot().find("a")->requested().milliCpu, 0);

    ASSERT_TRUE(cache.assume(pod, "a").isOk());
    cache.finishBinding("default/p");
    cache.upsertPod(pod); // the watch confirms the binding
    EXPECT_FALSE(cache.isAssumed("default/p"));
    clock.advance(1h);
    EXPECT_EQ(cache.expireAssumed(), 0u);
    EXPECT_EQ(cache.nodeOf("default/p"), "a");
}

} // namespace
} // namespace cox::scheduler::testing
