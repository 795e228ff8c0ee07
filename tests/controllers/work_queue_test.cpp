// WorkQueue: de-duplication, no key on two workers at once, delayed adds and backoff on the
// injected clock.
#include "controllers/work_queue.h"

#include <gtest/gtest.h>

namespace cox::controllers {
namespace {

using std::chrono::milliseconds;

TEST(WorkQueue, DeduplicatesKeys) {
    FakeClock clock;
    WorkQueue q(clock);
    q.add("a");
    q.add("b");
    q.add("a");
    EXPECT_EQ(q.length(), 2u);
    EXPECT_EQ(q.tryGet(), "a");
    EXPECT_EQ(q.tryGet(), "b");
    EXPECT_EQ(q.tryGet(), std::nullopt);
}

TEST(WorkQueue, KeyAddedWhileProcessingComesBackAfterDone) {
    FakeClock clock;
    WorkQueue q(clock);
    q.add("a");
    auto key = q.tryGet();
    ASSERT_EQ(key, "a");
    q.add("a");
    EXPECT_EQ(q.tryGet(), std::nullopt) << "a key must not be handed to two workers";
    q.done("a");
    EXPECT_EQ(q.tryGet(), "a");
    q.done("a");
    EXPECT_EQ(q.tryGet(), std::nullopt);
}

TEST(WorkQueue, AddAfterWaitsForTheClock) {
    FakeClock clock;
    WorkQueue q(clock);
    q.addAfter("a", milliseconds(1000));
    q.addAfter("a", milliseconds(500)); // the earlier time wins
    EXPECT_EQ(q.tryGet(), std::nullopt);
    clock.advance(milliseconds(499));
    EXPECT_EQ(q.tryGet(), std::nullopt);
    clock.advance(milliseconds(1));
    EXPECT_EQ(q.tryGet(), "a");
    EXPECT_EQ(q.delayedCount(), 0u);
}

TEST(WorkQueue, RateLimitedBackoffDoublesAndForgetResets) {
    FakeClock clock;
    WorkQueue q(clock, Backoff{milliseconds(5), milliseconds(40)});
    struct Step {
        int failures;
        milliseconds expectedDelay;
    };
    // 5, 10, 20, 40, then capped at 40.
    const Step steps[] = {{0, milliseconds(5)},
                          {1, milliseconds(10)},
                          {2, milliseconds(20)},
                          {3, milliseconds(40)},
                          {4, milliseconds(40)}};
    for (const auto &step : steps) {
        EXPECT_EQ(q.numRequeues("k"), step.failures);
        q.addRateLimited("k");
        clock.advance(step.expectedDelay - milliseconds(1));
        EXPECT_EQ(q.tryGet(), std::nullopt) << "after " << step.failures << " failures";
        clock.advance(milliseconds(1));
        ASSERT_EQ(q.tryGet(), "k") << "after " << step.failures << " failures";
        q.done("k");
    }
    q.forget("k");
    EXPECT_EQ(q.numRequeues("k"), 0);
}

TEST(WorkQueue, ShutDownStopsHandingOutKeys) {
    FakeClock clock;
    WorkQueue q(clock);
    q.add("a");
    q.shutDown();
    EXPECT_TRUE(q.shuttingDown());
    EXPECT_EQ(q.tryGet(), std::nullopt);
    EXPECT_EQ(q.get(milliseconds(10)), std::nullopt);
}

} // namespace
} // namespace cox::controllers
