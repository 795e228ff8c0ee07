// Ages as duration.HumanDuration prints them, at every unit boundary.
#include "printers/human_duration.h"

#include <gtest/gtest.h>

namespace cox::printers {
namespace {

using namespace std::chrono;

struct Case {
    milliseconds d;
    const char *expected;
};

class HumanDurationTest : public ::testing::TestWithParam<Case> {};

TEST_P(HumanDurationTest, FormatsLikeKubernetes) {
    EXPECT_EQ(humanDuration(GetParam().d), GetParam().expected) << GetParam().d.count() << "ms";
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, HumanDurationTest,
    ::testing::Values(Case{seconds(-5), "<invalid>"}, Case{milliseconds(-1500), "0s"},
                      Case{seconds(0), "0s"}, Case{seconds(5), "5s"}, Case{seconds(119), "119s"},
                      Case{seconds(120), "2m"}, Case{seconds(192), "3m12s"},
                      Case{minutes(9) + seconds(59), "9m59s"}, Case{minutes(10), "10m"},
                      Case{minutes(179), "179m"}, Case{hours(3), "3h"},
                      Case{hours(7) + minutes(59), "7h59m"}, Case{hours(8) + minutes(30), "8h"},
                      Case{hours(47), "47h"}, Case{hours(48), "2d"}, Case{hours(51), "2d3h"},
                      Case{hours(24 * 8), "8d"}, Case{hours(24 * 729), "729d"},
                      Case{hours(24 * 730), "2y"}, Case{hours(24 * (365 * 3 + 42)), "3y42d"},
                      Case{hours(24 * 365 * 9), "9y"}));

TEST(AgeSinceTest, MissingOrBadTimestampIsUnknown) {
    WallTime now(seconds(1'700'000'000));
    EXPECT_EQ(ageSince("", now), "<unknown>");
    EXPECT_EQ(ageSince("yesterday", now), "<unknown>");
    EXPECT_EQ(ageSince(formatRfc3339(now - seconds(75)), now), "75s");
}

} // namespace
} // namespace cox::printers
