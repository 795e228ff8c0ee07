// RFC 7386 merge patch: the RFC's appendix A table plus Kubernetes-style uses.
#include "model/patch.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

struct Case {
    const char *target;
    const char *patch;
    const char *expected;
};

class MergePatchRfcTest : public ::testing::TestWithParam<Case> {};

TEST_P(MergePatchRfcTest, MatchesAppendixA) {
    const Case &c = GetParam();
    auto result = applyMergePatch(Json::parse(c.target), Json::parse(c.patch));
    ASSERT_TRUE(result.isOk()) << result.status().message();
    EXPECT_EQ(*result, Json::parse(c.expected)) << "patch " << c.patch;
}

INSTANTIATE_TEST_SUITE_P(
    Rfc7386, MergePatchRfcTest,
    ::testing::Values(Case{R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
                      Case{R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
                      Case{R"({"a":"b"})", R"({"a":null})", R"({})"},
                      Case{R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
                      Case{R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
                      Case{R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
                      Case{R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})",
                           R"({"a":{"b":"d"}})"},
                      Case{R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
                      Case{R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
                      Case{R"({"a":"b"})", R"(["c"])", R"(["c"])"},
                      Case{R"({"a":"foo"})", "null", "null"},
                      Case{R"({"a":"foo"})", R"("bar")", R"("bar")"},
                      Case{R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
                      Case{R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
                      Case{R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"}));

TEST(MergePatchTest, ScaleAndRelabelADeployment) {
    Json deployment = Json::parse(R"({"metadata":{"name":"web","labels":{"app":"web","tier":"f"}},
        "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"a","image":"x:1"}]}}}})");
    Json patch = Json::parse(R"({"metadata":{"labels":{"tier":null}},"spec":{"replicas":3}})");
    auto result = applyMergePatch(deployment, patch);
    ASSERT_TRUE(result.isOk());
    EXPECT_EQ((*result)["spec"]["replicas"], 3);
    EXPECT_EQ((*result)["metadata"]["labels"], Json::parse(R"({"app":"web"})"));
    EXPECT_EQ((*result)["spec"]["template"], deployment["spec"]["template"]);
}

TEST(MergePatchTest, ListsAreReplacedWhole) {
    Json target = Json::parse(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]}})");
    auto result = applyMergePatch(target, Json::parse(R"({"spec":{"containers":[{"name":"c"}]}})"));
    ASSERT_TRUE(result.isOk());
    EXPECT_EQ((*result)["spec"]["containers"], Json::parse(R"([{"name":"c"}])"));
}

} // namespace
} // namespace cox::model
