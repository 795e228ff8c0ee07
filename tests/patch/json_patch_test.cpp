// RFC 6902 JSON patch: the RFC's appendix A examples, error kinds and atomicity.
#include "model/patch.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

struct Case {
    const char *name;
    const char *target;
    const char *patch;
    const char *expected; // nullptr: the patch must fail
};

class JsonPatchRfcTest : public ::testing::TestWithParam<Case> {};

TEST_P(JsonPatchRfcTest, MatchesAppendixA) {
    const Case &c = GetParam();
    auto result = applyJsonPatch(Json::parse(c.target), Json::parse(c.patch));
    if (!c.expected) {
        EXPECT_FALSE(result.isOk()) << c.name;
        return;
    }
    ASSERT_TRUE(result.isOk()) << c.name << ": " << result.status().message();
    EXPECT_EQ(*result, Json::parse(c.expected)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Rfc6902, JsonPatchRfcTest,
    ::testing::Values(
        Case{"A.1", R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])",
             R"({"baz":"qux","foo":"bar"})"},
        Case{"A.2", R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])",
             R"({"foo":["bar","qux","baz"]})"},
        Case{"A.3", R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])",
             R"({"foo":"bar"})"},
        Case{"A.4", R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])",
             R"({"foo":["bar","baz"]})"},
        Case{"A.5", R"({"baz":"qux","foo":"bar"})",
             R"([{"op":"replace","path":"/baz","value":"boo"}])", R"({"baz":"boo","foo":"bar"})"},
        Case{"A.6", R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
             R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])",
             R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"},
        Case{"A.7", R"({"foo":["all","grass","cows","eat"]})",
             R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])",
             R"({"foo":["all","cows","eat","grass"]})"},
        Case{
            "A.8", R"({"baz":"qux","foo":["a",2,"c"]})",
            R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])",
            R"({"baz":"qux","foo":["a",2,"c"]})"},
        Case{"A.9", R"({"baz":"qux"})", R"([{"op":"test","path":"/baz","value":"bar"}])", nullptr},
        Case{"A.10", R"({"foo":"bar"})",
             R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])",
             R"({"foo":"bar","child":{"grandchild":{}}})"},
        Case{"A.11", R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])",
             R"({"foo":"bar","baz":"qux"})"},
        Case{"A.12", R"({"foo":"bar"})", R"([{"op":"add","path":"/baz/bat","value":"qux"}])",
             nullptr},
        Case{"A.14", R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10}])",
             R"({"/":9,"~1":10})"},
        Case{"A.15", R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":"10"}])",
             nullptr},
        Case{"A.16", R"({"foo":["bar"]})",
             R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])",
             R"({"foo":["bar",["abc","def"]]})"},
        Case{"copy", R"({"a":{"b":1}})", R"([{"op":"copy","from":"/a","path":"/c"}])",
             R"({"a":{"b":1},"c":{"b":1}})"},
        Case{"slash escape", R"({"a/b":1})", R"([{"op":"replace","path":"/a~1b","value":2}])",
             R"({"a/b":2})"},
        Case{"replace root", R"({"a":1})", R"([{"op":"replace","path":"","value":[1]}])", "[1]"},
        Case{"remove missing", R"({"a":1})", R"([{"op":"remove","path":"/b"}])", nullptr},
        Case{"replace missing", R"({"a":1})", R"([{"op":"replace","path":"/b","value":1}])",
             nullptr},
        Case{"index past end", R"({"a":[1]})", R"([{"op":"add","path":"/a/2","value":1}])",
             nullptr},
        Case{"leading zero index", R"({"a":[1,2]})", R"([{"op":"remove","path":"/a/01"}])",
             nullptr},
        Case{"move into own child", R"({"a":{"b":{}}})",
             R"([{"op":"move","from":"/a","path":"/a/b/c"}])", nullptr}));

TEST(JsonPatchTest, MalformedPatchesAreBadRequest) {
    Json target = Json::parse(R"({"a":1})");
    for (const char *patch :
         {R"({"op":"add"})", R"([{"path":"/a"}])", R"([{"op":"frob","path":"/a"}])",
          R"([{"op":"add","path":"/b"}])", R"([{"op":"add","path":"b","value":1}])",
          R"([{"op":"test","path":"/~2","value":1}])", R"([{"op":"move","path":"/b"}])",
          R"([1])"}) {
        auto result = applyJsonPatch(target, Json::parse(patch));
        ASSERT_FALSE(result.isOk()) << patch;
        EXPECT_EQ(result.status().code(), StatusCode::BadRequest) << patch;
    }
}

TEST(JsonPatchTest, FailuresToApplyAreInvalidAndNameTheOperation) {
    auto result = applyJsonPatch(Json::parse(R"({"a":1})"),
                                 Json::parse(R"([{"op":"replace","path":"/a","value":2},
                                                 {"op":"test","path":"/a","value":3}])"));
    ASSERT_FALSE(result.isOk());
    EXPECT_EQ(result.status().code(), StatusCode::Invalid);
    EXPECT_NE(result.status().message().find("operation 1"), std::string::npos);
    EXPECT_NE(result.status().message().find("test failed"), std::string::npos);
}

TEST(JsonPatchTest, KubectlStyleContainerImageChange) {
    Json pod = Json::parse(R"({"spec":{"containers":[{"name":"a","image":"nginx:1"},
                                                     {"name":"b","image":"redis:6"}]}})");
    auto result = applyJsonPatch(pod, Json::parse(R"([
        {"op":"test","path":"/spec/containers/1/name","value":"b"},
        {"op":"replace","path":"/spec/containers/1/image","value":"redis:7"},
        {"op":"add","path":"/metadata","value":{"labels":{"x":"y"}}}])"));
    ASSERT_TRUE(result.isOk()) << result.status().message();
    EXPECT_EQ((*result)["spec"]["containers"][1]["image"], "redis:7");
    EXPECT_EQ((*result)["spec"]["containers"][0]["image"], "nginx:1");
    EXPECT_EQ((*result)["metadata"]["labels"]["x"], "y");
}

} // namespace
} // namespace cox::model
