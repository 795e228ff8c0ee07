#include "common/clock.h"

#include <gtest/gtest.h>

namespace cox {
namespace {

TEST(Clock, Rfc3339RoundTrips) {
    WallTime t;
    ASSERT_TRUE(parseRfc3339("2026-11-28T14:20:34Z", t));
    EXPECT_EQ(formatRfc3339(t), "2026-11-28T14:20:34Z");
    ASSERT_TRUE(parseRfc3339("2026-11-28T14:20:34.250000Z", t));
    EXPECT_EQ(formatRfc3339Micro(t), "2026-11-28T14:20:34.250000Z");
}

TEST(Clock, RejectsNonRfc3339) {
    WallTime t;
    EXPECT_FALSE(parseRfc3339("yesterday", t));
    EXPECT_FALSE(parseRfc3339("2026-11-28T14:20:34", t)); // no zone
}

TEST(Clock, FakeClockAdvancesOnlyWhenTold) {
    FakeClock clock;
    const auto start = clock.now();
    EXPECT_EQ(clock.now(), start);
    clock.advance(std::chrono::seconds(10));
    EXPECT_EQ(clock.now() - start, std::chrono::seconds(10));
}

} // namespace
} // namespace cox
