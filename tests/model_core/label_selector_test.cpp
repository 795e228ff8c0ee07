#include "model/label_selector.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

using Labels = std::map<std::string, std::string>;

LabelSelector mustParse(std::string_view text) {
    auto s = LabelSelector::parse(text);
    EXPECT_TRUE(s.isOk()) << text << ": " << s.status().message();
    return s.isOk() ? *s : LabelSelector::nothing();
}

TEST(LabelSelectorParse, EmptyMatchesEverything) {
    for (const char *text : {"", "   "}) {
        auto s = mustParse(text);
        EXPECT_TRUE(s.empty());
        EXPECT_TRUE(s.matches(Labels{}));
        EXPECT_TRUE(s.matches(Labels{{"a", "b"}}));
        EXPECT_EQ(s.toString(), "");
    }
}

TEST(LabelSelectorParse, AllOperatorsInOneSelector) {
    auto s = mustParse("a=b,c==d,e!=f,g in (x,y),h notin (z),i,!j");
    ASSERT_EQ(s.requirements().size(), 7u);
    EXPECT_EQ(s.toString(), "a=b,c=d,e!=f,g in (x,y),h notin (z),i,!j");
    Labels good{{"a", "b"}, {"c", "d"}, {"g", "y"}, {"i", ""}};
    EXPECT_TRUE(s.matches(good));
    auto with = [&](const std::string &k, const std::string &v) {
        Labels l = good;
        l[k] = v;
        return l;
    };
    EXPECT_FALSE(s.matches(with("a", "c")));
    EXPECT_FALSE(s.matches(with("e", "f")));
    EXPECT_TRUE(s.matches(with("e", "g")));
    EXPECT_FALSE(s.matches(with("g", "w")));
    EXPECT_FALSE(s.matches(with("h", "z")));
    EXPECT_TRUE(s.matches(with("h", "q")));
    EXPECT_FALSE(s.matches(with("j", "")));
    Labels noI = good;
    noI.erase("i");
    EXPECT_FALSE(s.matches(noI));
}

TEST(LabelSelectorParse, WhitespaceAndCanonicalOrder) {
    auto s = mustParse(" tier in ( web , api ) ,  app = nginx,!canary ");
    EXPECT_EQ(s.toString(), "app=nginx,!canary,tier in (api,web)");
    auto again = mustParse(s.toString());
    EXPECT_EQ(again.toString(), s.toString());
}

TEST(LabelSelectorParse, EmptyValuesAndKeywordValues) {
    EXPECT_TRUE(mustParse("a=").matches(Labels{{"a", ""}}));
    EXPECT_FALSE(mustParse("a=").matches(Labels{}));
    EXPECT_TRUE(mustParse("a in ()").matches(Labels{{"a", ""}}));
    EXPECT_TRUE(mustParse("a in (,x)").matches(Labels{{"a", ""}}));
    EXPECT_TRUE(mustParse("a=in").matches(Labels{{"a", "in"}}));
    EXPECT_TRUE(mustParse("example.com/role=db").matches(Labels{{"example.com/role", "db"}}));
}

TEST(LabelSelectorParse, GreaterAndLessThan) {
    auto s = mustParse("gen>3,size<10");
    EXPECT_TRUE(s.matches(Labels{{"gen", "4"}, {"size", "9"}}));
    EXPECT_FALSE(s.matches(Labels{{"gen", "3"}, {"size", "9"}}));
    EXPECT_FALSE(s.matches(Labels{{"gen", "x"}, {"size", "9"}}));
    EXPECT_FALSE(s.matches(Labels{{"size", "9"}}));
    EXPECT_FALSE(LabelSelector::parse("gen>abc").isOk());
}

struct BadCase {
    const char *text;
    const char *fragment;
};

class LabelSelectorParseError : public ::testing::TestWithParam<BadCase> {};

TEST_P(LabelSelectorParseError, ExplainsTheProblem) {
    auto s = LabelSelector::parse(GetParam().text);
    ASSERT_FALSE(s.isOk()) << GetParam().text << " parsed as " << s->toString();
    EXPECT_EQ(s.status().code(), StatusCode::BadRequest);
    EXPECT_NE(s.status().message().find(GetParam().fragment), std::string::npos)
        << GetParam().text << ": " << s.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Table, LabelSelectorParseError,
    ::testing::Values(BadCase{"a=b,", "identifier after ','"}, BadCase{",a", "found ','"},
                      BadCase{"a in (b", "expected"}, BadCase{"a in b", "expected: '('"},
                      BadCase{"a b", "found 'b'"}, BadCase{"!", "identifier after '!'"},
                      BadCase{"a=(b)", "found '('"}, BadCase{"a==b=c", "found '='"},
                      BadCase{"-a=b", "key: Invalid value: \"-a\": name part must consist"},
                      BadCase{"a=-b", "a valid label must be an empty string"},
                      BadCase{"a in (x,-y)", "values[1]: Invalid value: \"-y\""},
                      BadCase{"a/b/c", "a qualified name must consist"},
                      BadCase{"a=b=c", "found '='"}));

TEST(LabelSelectorJson, MatchLabelsAndExpressions) {
    auto s = LabelSelector::fromJson(Json::parse(R"({
        "matchLabels": {"app": "web"},
        "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["frontend", "edge"]},
            {"key": "canary", "operator": "DoesNotExist"},
            {"key": "zone", "operator": "NotIn", "values": ["z1"]},
            {"key": "team", "operator": "Exists"}
        ]})"));
    ASSERT_TRUE(s.isOk()) << s.status().message();
    EXPECT_EQ(s->toString(), "app=web,!canary,team,tier in (edge,frontend),zone notin (z1)");
    EXPECT_TRUE(s->matches(Json::parse(R"({"app":"web","tier":"edge","team":"a"})")));
    EXPECT_FALSE(s->matches(Json::parse(R"({"app":"web","tier":"edge"})")));
    EXPECT_FALSE(s->matches(Json::parse(R"({"app":"web","tier":"edge","team":"a","zone":"z1"})")));
    EXPECT_FALSE(s->matches(Json::parse(R"({"app":"web","tier":"edge","team":"a","canary":"1"})")));
    EXPECT_FALSE(s->matches(Json()));
}

TEST(LabelSelectorJson, NullMatchesNothingEmptyMatchesEverything) {
    auto none = LabelSelector::fromJson(Json());
    ASSERT_TRUE(none.isOk());
    EXPECT_TRUE(none->matchesNothing());
    EXPECT_FALSE(none->matches(Labels{}));
    auto all = LabelSelector::fromJson(Json::object());
    ASSERT_TRUE(all.isOk());
    EXPECT_TRUE(all->empty());
    EXPECT_TRUE(all->matches(Json::parse(R"({"x":"y"})")));
    EXPECT_TRUE(all->matches(Json()));
}

TEST(LabelSelectorJson, NonStringLabelValuesNeverEqual) {
    auto s = LabelSelector::parse("a=1,b notin (2),c");
    ASSERT_TRUE(s.isOk());
    EXPECT_FALSE(s->matches(Json::parse(R"({"a":1,"c":"x"})")));
    EXPECT_TRUE(s->matches(Json::parse(R"({"a":"1","b":2,"c":true})")));
}

TEST(LabelSelectorJson, ValidationErrorsLikeKubernetes) {
    auto errors = LabelSelector::validateJson(Json::parse(R"({
        "matchLabels": {"-bad": "ok", "good": "-bad"},
        "matchExpressions": [
            {"key": "a", "operator": "In"},
            {"key": "b", "operator": "Exists", "values": ["x"]},
            {"key": "c", "operator": "Equals", "values": ["x"]}
        ]})"),
                                              "spec.selector");
    std::vector<std::string> texts;
    for (const auto &e : errors)
        texts.push_back(e.toString());
    ASSERT_EQ(texts.size(), 5u);
    EXPECT_TRUE(texts[0].starts_with("spec.selector.matchLabels: Invalid value: \"-bad\": name "
                                     "part must consist"))
        << texts[0];
    EXPECT_TRUE(
        texts[1].starts_with("spec.selector.matchLabels: Invalid value: \"-bad\": a valid label"))
        << texts[1];
    EXPECT_EQ(texts[2], "spec.selector.matchExpressions[0].values: Required value: must be "
                        "specified when `operator` is 'In' or 'NotIn'");
    EXPECT_EQ(texts[3], "spec.selector.matchExpressions[1].values: Forbidden: may not be "
                        "specified when `operator` is 'Exists' or 'DoesNotExist'");
    EXPECT_EQ(texts[4], "spec.selector.matchExpressions[2].operator: Invalid value: \"Equals\": "
                        "not a valid selector operator");
    auto r = LabelSelector::fromJson(
        Json::parse(R"({"matchExpressions":[{"key":"d","operator":"In","values":[3]}]})"));
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), StatusCode::Invalid);
    EXPECT_NE(r.status().message().find(
                  "matchExpressions[0].values[0]: Invalid value: 3: must be a string"),
              std::string::npos)
        << r.status().message();
}

TEST(LabelSelector, FromMapIsEquality) {
    auto s = LabelSelector::fromMap({{"app", "db"}, {"role", "primary"}});
    EXPECT_EQ(s.toString(), "app=db,role=primary");
    EXPECT_TRUE(s.matches(Labels{{"app", "db"}, {"role", "primary"}, {"x", "y"}}));
    EXPECT_FALSE(s.matches(Labels{{"app", "db"}}));
    EXPECT_TRUE(LabelSelector::fromMap({}).empty());
}

} // namespace
} // namespace cox::model
