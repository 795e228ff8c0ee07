#include "model/quantity.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

struct ParseCase {
    const char *text;
    int64_t milli;
    const char *canonical;
};

class QuantityParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(QuantityParse, ParsesToExactMilliAndCanonicalText) {
    const ParseCase &c = GetParam();
    auto q = Quantity::parse(c.text);
    ASSERT_TRUE(q.isOk()) << c.text << ": " << q.status().message();
    EXPECT_EQ(q->milliValue(), c.milli) << c.text;
    EXPECT_EQ(q->toString(), c.canonical) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuantityParse,
    ::testing::Values(
        ParseCase{"0", 0, "0"}, ParseCase{"1", 1000, "1"}, ParseCase{"+1", 1000, "1"},
        ParseCase{"-1", -1000, "-1"}, ParseCase{"0.5", 500, "500m"}, ParseCase{".5", 500, "500m"},
        ParseCase{"1.", 1000, "1"}, ParseCase{"500m", 500, "500m"}, ParseCase{"1000m", 1000, "1"},
        ParseCase{"1500m", 1500, "1500m"}, ParseCase{"1.5", 1500, "1500m"},
        ParseCase{"2k", 2000000, "2k"}, ParseCase{"1500k", 1500000000, "1500k"},
        ParseCase{"1.5G", 1500000000000, "1500M"}, ParseCase{"1000000", 1000000000, "1M"},
        ParseCase{"128974848", 128974848000, "128974848"},
        ParseCase{"129e6", 129000000000, "129e6"}, ParseCase{"1e3", 1000000, "1e3"},
        ParseCase{"1E3", 1000000, "1e3"}, ParseCase{"1e-2", 10, "10e-3"},
        ParseCase{"1e+3", 1000000, "1e3"}, ParseCase{"1500e0", 1500000, "1500"},
        ParseCase{"1Ki", 1024000, "1Ki"}, ParseCase{"1024Mi", 1073741824000, "1Gi"},
        ParseCase{"1536Mi", 1610612736000, "1536Mi"}, ParseCase{"128Mi", 134217728000, "128Mi"},
        ParseCase{"1.5Ki", 1536000, "1536"}, ParseCase{"0.5Ki", 512000, "512"},
        ParseCase{"-1Gi", -1073741824000, "-1Gi"}, ParseCase{"1Ti", 1099511627776000, "1Ti"},
        ParseCase{"100n", 1, "1m"}, ParseCase{"1u", 1, "1m"}, ParseCase{"0.0001", 1, "1m"},
        ParseCase{"-0.0001", -1, "-1m"}, ParseCase{"1001u", 2, "2m"}, ParseCase{"1000u", 1, "1m"},
        ParseCase{"0.000000000000000000000001", 1, "1m"},
        ParseCase{"1.0000000000000000000001", 1001, "1001m"}, ParseCase{"000001", 1000, "1"},
        ParseCase{"0e9", 0, "0"}, ParseCase{"0Gi", 0, "0"},
        ParseCase{"8Pi", 9007199254740992000, "8Pi"},
        ParseCase{"9223372036854775807m", 9223372036854775807, "9223372036854775807m"},
        ParseCase{"1e-9999999", 1, "1e-3"}));

struct ErrorCase {
    const char *text;
    const char *messageFragment;
};

class QuantityParseError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(QuantityParseError, RejectsWithClearMessage) {
    const ErrorCase &c = GetParam();
    auto q = Quantity::parse(c.text);
    ASSERT_FALSE(q.isOk()) << c.text << " parsed as " << q->milliValue();
    EXPECT_EQ(q.status().code(), StatusCode::BadRequest);
    EXPECT_NE(q.status().message().find(c.messageFragment), std::string::npos)
        << c.text << ": " << q.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuantityParseError,
    ::testing::Values(ErrorCase{"", "must match the regular expression"},
                      ErrorCase{"abc", "must match the regular expression"},
                      ErrorCase{"-", "must match the regular expression"},
                      ErrorCase{" 1", "must match the regular expression"},
                      ErrorCase{"1 ", "must match the regular expression"},
                      ErrorCase{"1x", "must match the regular expression"},
                      ErrorCase{".", "numeric part"}, ErrorCase{"1.2.3", "numeric part"},
                      ErrorCase{"1KiB", "must match the regular expression"},
                      ErrorCase{"1mi", "suffix"}, ErrorCase{"1e", "suffix"},
                      ErrorCase{"1e-", "suffix"}, ErrorCase{"1K", "suffix"},
                      ErrorCase{"1Ei", "too large"}, ErrorCase{"9223372036854775808m", "too large"},
                      ErrorCase{"10E", "too large"}, ErrorCase{"1e100", "too large"},
                      ErrorCase{"99999999999999999999999999999999999999999999", "too large"},
                      ErrorCase{"-1e17", "too large"}));

TEST(Quantity, ValueRoundsAwayFromZero) {
    EXPECT_EQ(Quantity::fromMilli(1500).value(), 2);
    EXPECT_EQ(Quantity::fromMilli(1000).value(), 1);
    EXPECT_EQ(Quantity::fromMilli(1).value(), 1);
    EXPECT_EQ(Quantity::fromMilli(0).value(), 0);
    EXPECT_EQ(Quantity::fromMilli(-1500).value(), -2);
}

TEST(Quantity, ArithmeticKeepsLeftFormat) {
    auto a = Quantity::parse("1Gi");
    auto b = Quantity::parse("512Mi");
    ASSERT_TRUE(a.isOk() && b.isOk());
    EXPECT_EQ((*a + *b).toString(), "1536Mi");
    EXPECT_EQ((*a - *b).toString(), "512Mi");
    EXPECT_LT(*b, *a);
    EXPECT_EQ(Quantity::parse("1000m")->milliValue(), Quantity::parse("1")->milliValue());
    EXPECT_EQ(*Quantity::parse("1k"), *Quantity::parse("1000"));
}

TEST(Quantity, FromUnitsSaturatesInsteadOfWrapping) {
    EXPECT_EQ(Quantity::fromUnits(5).milliValue(), 5000);
    EXPECT_EQ(Quantity::fromUnits(INT64_MAX).milliValue(), INT64_MAX);
    EXPECT_EQ(Quantity::fromUnits(INT64_MIN).milliValue(), INT64_MIN);
}

TEST(Quantity, FormatFollowsSuffix) {
    EXPECT_EQ(Quantity::parse("1Mi")->format(), Quantity::Format::BinarySI);
    EXPECT_EQ(Quantity::parse("1M")->format(), Quantity::Format::DecimalSI);
    EXPECT_EQ(Quantity::parse("1e6")->format(), Quantity::Format::DecimalExponent);
    EXPECT_EQ(Quantity::fromMilli(500, Quantity::Format::DecimalExponent).toString(), "500e-3");
    EXPECT_EQ(Quantity::fromUnits(1023, Quantity::Format::BinarySI).toString(), "1023");
    EXPECT_EQ(Quantity::fromMilli(INT64_MIN).toString(), "-9223372036854775808m");
}

TEST(Quantity, CanonicalTextReparsesToSameValue) {
    for (const char *text : {"1.5Gi", "0.1", "123456789m", "7e-1", "33Ki", "2.5E3", "-12.25k"}) {
        auto q = Quantity::parse(text);
        ASSERT_TRUE(q.isOk()) << text;
        auto again = Quantity::parse(q->toString());
        ASSERT_TRUE(again.isOk()) << q->toString();
        EXPECT_EQ(again->milliValue(), q->milliValue()) << text << " -> " << q->toString();
    }
}

} // namespace
} // namespace cox::model
