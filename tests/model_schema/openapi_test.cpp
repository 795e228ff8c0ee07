#include "model/openapi.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace cox::model {
namespace {

bool hasParam(const Json &op, const std::string &name) {
    if (!op.contains("parameters"))
        return false;
    const Json &params = op["parameters"];
    return std::any_of(params.begin(), params.end(),
                       [&](const Json &p) { return p.value("name", "") == name; });
}

// Walks every value of `v`, calling `f` on each "$ref" string.
void forEachRef(const Json &v, const std::function<void(const std::string &)> &f) {
    if (v.is_object()) {
        for (const auto &[k, child] : v.items()) {
            if (k == "$ref" && child.is_string())
                f(child.get<std::string>());
            else
                forEachRef(child, f);
        }
    } else if (v.is_array()) {
        for (const Json &child : v)
            forEachRef(child, f);
    }
}

TEST(OpenApi, IndexListsEveryGroupVersionWithItsHash) {
    Json index = openApiV3Index();
    for (const char *gv : {"api/v1", "apis/apps/v1", "apis/coordination.k8s.io/v1",
                           "apis/autoscaling/v2", "apis/autoscaling/v1", "apis/coxswain.io/v1",
                           "apis/authorization.k8s.io/v1", "apis/authentication.k8s.io/v1"}) {
        ASSERT_TRUE(index["paths"].contains(gv)) << gv;
        EXPECT_EQ(index["paths"][gv]["serverRelativeURL"],
                  "/openapi/v3/" + std::string(gv) + "?hash=" + openApiV3Hash(gv));
    }
    EXPECT_EQ(index["paths"].size(), 8u);
    EXPECT_FALSE(openApiV3Document("apis/batch/v1").has_value());
    EXPECT_EQ(openApiV3DocumentText("apis/batch/v1"), nullptr);
}

TEST(OpenApi, PodPathsCarryFieldValidationAndGvk) {
    auto doc = openApiV3Document("api/v1");
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ((*doc)["openapi"], "3.0.0");
    const Json &paths = (*doc)["paths"];
    const Json &collection = paths["/api/v1/namespaces/{namespace}/pods"];
    ASSERT_TRUE(collection.contains("post"));
    const Json &post = collection["post"];
    for (const char *p : {"dryRun", "fieldManager", "fieldValidation"})
        EXPECT_TRUE(hasParam(post, p)) << p;
    EXPECT_EQ(post["x-kubernetes-group-version-kind"],
              Json({{"group", ""}, {"kind", "Pod"}, {"version", "v1"}}));
    EXPECT_EQ(post["x-kubernetes-action"], "post");
    const Json &item = paths["/api/v1/namespaces/{namespace}/pods/{name}"];
    for (const char *verb : {"get", "put", "patch", "delete"})
        ASSERT_TRUE(item.contains(verb)) << verb;
    EXPECT_TRUE(hasParam(item["patch"], "fieldValidation"));
    EXPECT_EQ(item["patch"]["x-kubernetes-action"], "patch");
    for (const char *type :
         {"application/json-patch+json", "application/merge-patch+json",
          "application/strategic-merge-patch+json", "application/apply-patch+yaml"})
        EXPECT_TRUE(item["patch"]["requestBody"]["content"].contains(type)) << type;
    EXPECT_TRUE(paths.contains("/api/v1/pods"));
    EXPECT_TRUE(paths.contains("/api/v1/namespaces/{namespace}/pods/{name}/binding"));
    EXPECT_TRUE(paths.contains("/api/v1/namespaces/{namespace}/pods/{name}/eviction"));
    EXPECT_TRUE(paths.contains("/api/v1/namespaces/{namespace}/pods/{name}/log"));
    EXPECT_TRUE(paths.contains("/api/v1/nodes/{name}/status"));
    EXPECT_FALSE(paths.contains("/api/v1/namespaces/{namespace}/nodes"));
}

TEST(OpenApi, ComponentsAreKubernetesNamedWithExtensions) {
    auto doc = openApiV3Document("api/v1");
    const Json &schemas = (*doc)["components"]["schemas"];
    ASSERT_TRUE(schemas.contains("io.k8s.api.core.v1.Pod"));
    ASSERT_TRUE(schemas.contains("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    ASSERT_TRUE(schemas.contains("io.k8s.api.core.v1.PodList"));
    EXPECT_EQ(schemas["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"][0]["kind"],
              "Pod");
    const Json &containers = schemas["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
    EXPECT_EQ(containers["x-kubernetes-patch-merge-key"], "name");
    EXPECT_EQ(containers["x-kubernetes-patch-strategy"], "merge");
    EXPECT_EQ(containers["items"]["$ref"], "#/components/schemas/io.k8s.api.core.v1.Container");
    EXPECT_EQ(schemas["io.k8s.api.core.v1.PodSpec"]["required"], Json::array({"containers"}));
}

TEST(OpenApi, EveryRefResolvesInEveryDocument) {
    for (const auto &[gv, entry] : openApiV3Index()["paths"].items()) {
        auto doc = openApiV3Document(gv);
        ASSERT_TRUE(doc.has_value()) << gv;
        const Json &schemas = (*doc)["components"]["schemas"];
        int refs = 0;
        forEachRef(*doc, [&](const std::string &ref) {
            ++refs;
            const std::string prefix = "#/components/schemas/";
            ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
            EXPECT_TRUE(schemas.contains(ref.substr(prefix.size()))) << gv << ": " << ref;
        });
        EXPECT_GT(refs, 10) << gv;
        // Every operation names its kind and action.
        for (const auto &[path, item] : (*doc)["paths"].items())
            for (const auto &[verb, op] : item.items()) {
                if (verb == "parameters")
                    continue;
                EXPECT_TRUE(op.contains("x-kubernetes-group-version-kind")) << path << " " << verb;
                EXPECT_TRUE(op.contains("x-kubernetes-action")) << path << " " << verb;
                EXPECT_TRUE(op.contains("operationId")) << path << " " << verb;
            }
    }
}

TEST(OpenApi, DeploymentScaleUsesAutoscalingScale) {
    auto doc = openApiV3Document("apis/apps/v1");
    const Json &scale =
        (*doc)["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"];
    ASSERT_TRUE(scale.contains("patch"));
    EXPECT_EQ(scale["patch"]["x-kubernetes-group-version-kind"]["kind"], "Scale");
    EXPECT_EQ(scale["patch"]["x-kubernetes-group-version-kind"]["group"], "autoscaling");
    EXPECT_TRUE((*doc)["components"]["schemas"].contains("io.k8s.api.autoscaling.v1.Scale"));
    EXPECT_EQ(
        (*doc)["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments"]["post"]["operationId"],
        "createAppsV1NamespacedDeployment");
}

TEST(OpenApi, CachedTextMatchesDocument) {
    const std::string *text = openApiV3DocumentText("apis/apps/v1");
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(Json::parse(*text), *openApiV3Document("apis/apps/v1"));
    EXPECT_EQ(text, openApiV3DocumentText("apis/apps/v1")); // built once
}

} // namespace
} // namespace cox::model
