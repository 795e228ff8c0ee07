// SchedulingQueue with a FakeClock: ordering, backoff growth and cap, unschedulable handling.
#include "builders.h"

#include "scheduler/scheduling_queue.h"

namespace cox::scheduler::testing {
namespace {

using namespace std::chrono_literals;

std::string popKey(SchedulingQueue &queue) {
    auto popped = queue.pop(0ms);
    return popped ? popped->pod->name : std::string();
}

TEST(SchedulingQueueTest, PriorityThenFifo) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("low-1"));
    queue.add(makePod("high").priority(100));
    queue.add(makePod("low-2"));
    EXPECT_EQ(popKey(queue), "high");
    EXPECT_EQ(popKey(queue), "low-1");
    EXPECT_EQ(popKey(queue), "low-2");
    EXPECT_EQ(popKey(queue), "");
}

TEST(SchedulingQueueTest, BackoffDoublesUpToTenSeconds) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    EXPECT_EQ(queue.backoffFor(1), 1s);
    EXPECT_EQ(queue.backoffFor(2), 2s);
    EXPECT_EQ(queue.backoffFor(4), 8s);
    EXPECT_EQ(queue.backoffFor(5), 10s);
    EXPECT_EQ(queue.backoffFor(30), 10s);
}

TEST(SchedulingQueueTest, BindFailureWaitsOutItsBackoff) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("p"));
    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto popped = queue.pop(0ms);
        ASSERT_TRUE(popped.has_value()) << "attempt " << attempt;
        EXPECT_EQ(popped->attempts, attempt - 1);
        queue.requeueBackoff(*popped);
        EXPECT_EQ(queue.backoffSize(), 1u);
        auto wait = queue.backoffFor(attempt);
        clock.advance(wait - 1ms);
        EXPECT_EQ(popKey(queue), "") << "still backing off";
        clock.advance(1ms);
        queue.flush();
        EXPECT_EQ(queue.activeSize(), 1u);
    }
}

TEST(SchedulingQueueTest, UnschedulableWaitsForClusterEvent) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("p"));
    auto popped = queue.pop(0ms);
    ASSERT_TRUE(popped);
    queue.requeueUnschedulable(*popped);
    EXPECT_EQ(queue.unschedulableSize(), 1u);
    clock.advance(1min);
    EXPECT_EQ(popKey(queue), "") << "no event yet";
    queue.moveAllToActiveOrBackoff();
    EXPECT_EQ(queue.unschedulableSize(), 0u);
    EXPECT_EQ(popKey(queue), "p");
}

TEST(SchedulingQueueTest, EventDuringBackoffGoesToBackoffQ) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("p"));
    auto popped = queue.pop(0ms);
    queue.requeueUnschedulable(*popped);
    queue.moveAllToActiveOrBackoff(); // backoff of 1 s not over yet
    EXPECT_EQ(queue.backoffSize(), 1u);
    EXPECT_EQ(popKey(queue), "");
    clock.advance(1s);
    EXPECT_EQ(popKey(queue), "p");
}

TEST(SchedulingQueueTest, EventWhileInFlightSkipsUnschedulableQ) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("p"));
    auto popped = queue.pop(0ms);
    queue.moveAllToActiveOrBackoff(); // e.g. a node was added during the cycle
    queue.requeueUnschedulable(*popped);
    EXPECT_EQ(queue.unschedulableSize(), 0u);
    EXPECT_EQ(queue.backoffSize(), 1u);
}

TEST(SchedulingQueueTest, UnschedulableLeavesAfterFiveMinutes) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("p"));
    queue.requeueUnschedulable(*queue.pop(0ms));
    clock.advance(5min - 1s);
    EXPECT_EQ(popKey(queue), "");
    clock.advance(1s);
    EXPECT_EQ(popKey(queue), "p");
}

TEST(SchedulingQueueTest, UpdateMovesUnschedulablePodAndRemoveDrops) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    queue.add(makePod("p"));
    queue.requeueUnschedulable(*queue.pop(0ms));
    clock.advance(2s);
    queue.update(makePod("p").cpu("1"));
    auto popped = queue.pop(0ms);
    ASSERT_TRUE(popped);
    EXPECT_EQ(popped->pod->requests.milliCpu, 1000);
    queue.remove("default/p"); // deleted while in flight
    queue.requeueUnschedulable(*popped);
    EXPECT_EQ(queue.unschedulableSize(), 0u);
    EXPECT_EQ(queue.backoffSize(), 0u);
}

TEST(SchedulingQueueTest, PopTimesOutAndCloseWakes) {
    FakeClock clock;
    SchedulingQueue queue(clock);
    EXPECT_FALSE(queue.pop(20ms).has_value());
    queue.close();
    queue.add(makePod("p"));
    EXPECT_FALSE(queue.pop(1s).has_value());
}

} // namespace
} // namespace cox::scheduler::testing
