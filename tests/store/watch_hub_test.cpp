// WatchHub on its own: the ring's retention bound, replay slices, watches that start in the
// future, and shutdown.
#include "store/watch_hub.h"

#include <gtest/gtest.h>

namespace cox::store {
namespace {

using namespace std::chrono_literals;

std::vector<Event> putEvents(int64_t firstRevision, int count, const std::string &prefix = "/k/") {
    std::vector<Event> events;
    for (int i = 0; i < count; ++i) {
        int64_t rev = firstRevision + i;
        Event e;
        e.kv = KeyValue{prefix + std::to_string(rev), std::make_shared<const std::string>("v"), rev,
                        rev};
        events.push_back(std::move(e));
    }
    return events;
}

TEST(WatchHub, RingKeepsOnlyTheLastEventsAndSaysSo) {
    WatchHub hub(1, 10, 100);
    hub.publish(putEvents(2, 25)); // revisions 2..26
    EXPECT_EQ(hub.revision(), 26);
    EXPECT_EQ(hub.compactedRevision(), 16);
    auto gone = hub.subscribe("/", 15);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.status().code(), StatusCode::Gone);
    EXPECT_EQ(gone.status().message(), "too old resource version: 15 (16)");

    auto oldest = hub.subscribe("/", 16);
    ASSERT_TRUE(oldest);
    auto events = (*oldest)->next(0ms);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 10u);
    EXPECT_EQ(events->front().kv.modRevision, 17);
    EXPECT_EQ(events->back().kv.modRevision, 26);
}

TEST(WatchHub, ReplayThenLiveWithoutGapOrDuplicate) {
    WatchHub hub(1, 100, 100);
    hub.publish(putEvents(2, 5)); // 2..6
    auto watch = hub.subscribe("/k/", 4);
    ASSERT_TRUE(watch);
    hub.publish(putEvents(7, 2)); // 7..8
    auto events = (*watch)->next(0ms);
    ASSERT_TRUE(events);
    std::vector<int64_t> revs;
    for (auto &e : *events)
        revs.push_back(e.kv.modRevision);
    EXPECT_EQ(revs, (std::vector<int64_t>{5, 6, 7, 8}));
}

TEST(WatchHub, FutureStartSkipsEventsUpToIt) {
    WatchHub hub(1, 100, 100);
    auto watch = hub.subscribe("/k/", 3);
    ASSERT_TRUE(watch);
    hub.publish(putEvents(2, 4)); // 2..5
    auto events = (*watch)->next(0ms);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ(events->front().kv.modRevision, 4);
}

TEST(WatchHub, OverflowEndsOnlyTheSlowWatcher) {
    WatchHub hub(1, 100, 3);
    auto slow = hub.subscribe("/k/", 0);
    auto other = hub.subscribe("/other/", 0);
    ASSERT_TRUE(slow && other);
    hub.publish(putEvents(2, 4)); // four events for a queue of three
    auto ended = (*slow)->next(0ms);
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.status().code(), StatusCode::Gone);
    hub.publish(putEvents(6, 1, "/other/"));
    auto fine = (*other)->next(0ms);
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->size(), 1u);
}

TEST(WatchHub, ReplayLargerThanTheQueueIsNotFallingBehind) {
    WatchHub hub(1, 100, 3);
    hub.publish(putEvents(2, 10)); // 2..11
    auto watch = hub.subscribe("/k/", 1);
    ASSERT_TRUE(watch);
    hub.publish(putEvents(12, 3)); // three live events: exactly the queue's capacity
    auto events = (*watch)->next(0ms);
    ASSERT_TRUE(events) << events.status().message();
    EXPECT_EQ(events->size(), 13u);
    hub.publish(putEvents(15, 4)); // four live events for a queue of three
    EXPECT_EQ((*watch)->next(0ms).status().code(), StatusCode::Gone);
}

TEST(WatchHub, ShutdownEndsWatchesAndRefusesNewOnes) {
    WatchHub hub(1, 100, 100);
    auto watch = hub.subscribe("/", 0);
    ASSERT_TRUE(watch);
    hub.shutdown();
    auto ended = (*watch)->next(1s);
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.status().code(), StatusCode::Unavailable);
    EXPECT_EQ(hub.subscribe("/", 0).status().code(), StatusCode::Unavailable);
}

TEST(WatchHub, CompactIsMonotonicAndRejectsTheFuture) {
    WatchHub hub(1, 100, 100);
    hub.publish(putEvents(2, 5)); // 2..6
    EXPECT_TRUE(hub.compact(4));
    EXPECT_TRUE(hub.compact(3));
    EXPECT_EQ(hub.compactedRevision(), 4);
    EXPECT_EQ(hub.compact(7).code(), StatusCode::BadRequest);
    auto watch = hub.subscribe("/", 4);
    ASSERT_TRUE(watch);
    EXPECT_EQ((*watch)->next(0ms)->size(), 2u);
}

} // namespace
} // namespace cox::store
