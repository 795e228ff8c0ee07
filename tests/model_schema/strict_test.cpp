#include "model/schema_check.h"
#include "model/schemas.h"
#include "model/strict_json.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

TEST(StrictJson, ReportsDuplicateKeysByPath) {
    std::vector<std::string> dups;
    auto r = parseJsonStrict(R"({"metadata":{"name":"a","name":"b"},
        "spec":{"containers":[{"name":"x"},{"name":"y","image":"i","image":"j"}]},
        "kind":"Pod","kind":"Pod"})",
                             &dups);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(r.value()["metadata"]["name"], "b");
    ASSERT_EQ(dups.size(), 3u);
    EXPECT_EQ(dups[0], "metadata.name");
    EXPECT_EQ(dups[1], "spec.containers[1].image");
    EXPECT_EQ(dups[2], "kind");
}

TEST(StrictJson, MalformedIsBadRequestWithPosition) {
    auto r = parseJsonStrict("{\"a\": 1,\n \"b\" 2}", nullptr);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), StatusCode::BadRequest);
    EXPECT_NE(r.status().message().find("line 2"), std::string::npos) << r.status().message();
    EXPECT_FALSE(parseJsonStrict("", nullptr).isOk());
}

TEST(StrictJson, RejectsExcessiveNesting) {
    std::string deep(kMaxJsonDepth + 5, '[');
    deep += std::string(kMaxJsonDepth + 5, ']');
    auto r = parseJsonStrict(deep, nullptr);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), StatusCode::BadRequest);
}

TEST(SchemaCheck, FindsUnknownFieldsAndWrongTypes) {
    Json pod = Json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labelz":{}},
        "spec":{"containers":[{"name":"c","imagee":"nginx",
                               "ports":[{"containerPort":"80"}]}]}})");
    auto issues = checkSchema(*schemas::pod(), pod);
    ASSERT_EQ(issues.size(), 3u);
    EXPECT_EQ(issues[0].kind, SchemaIssue::Kind::UnknownField);
    EXPECT_EQ(issues[0].path, "metadata.labelz");
    EXPECT_EQ(issues[1].path, "spec.containers[0].imagee");
    EXPECT_EQ(issues[1].message, "unknown field \"spec.containers[0].imagee\"");
    EXPECT_EQ(issues[2].kind, SchemaIssue::Kind::WrongType);
    EXPECT_EQ(issues[2].path, "spec.containers[0].ports[0].containerPort");
    EXPECT_EQ(issues[2].message, "json: cannot unmarshal string into Go struct field "
                                 "ContainerPort.spec.containers.ports.containerPort of type int32");
}

TEST(SchemaCheck, PruneDropsOnlyUnknownFields) {
    Json pod = Json::parse(R"({"metadata":{"name":"a","bogus":1,"managedFields":[{"fieldsV1":
        {"f:x":{}}}]},"spec":{"containers":[{"name":"c","imagee":"x"}]}})");
    pruneUnknownFields(*schemas::pod(), pod);
    EXPECT_FALSE(pod["metadata"].contains("bogus"));
    EXPECT_TRUE(pod["metadata"]["managedFields"][0]["fieldsV1"].contains("f:x"));
    EXPECT_FALSE(pod["spec"]["containers"][0].contains("imagee"));
    EXPECT_EQ(pod["spec"]["containers"][0]["name"], "c");
    EXPECT_TRUE(checkSchema(*schemas::pod(), pod).empty());
}

} // namespace
} // namespace cox::model
