#include "model/resource_type.h"
#include "model/schemas.h"

#include <gtest/gtest.h>

#include <set>

namespace cox::model {
namespace {

TEST(Registry, FindsResourcesByUrlAndKind) {
    const ResourceType *pods = findResource("", "v1", "pods");
    ASSERT_NE(pods, nullptr);
    EXPECT_EQ(pods->kind, "Pod");
    EXPECT_TRUE(pods->namespaced);
    EXPECT_EQ(pods->shortNames, std::vector<std::string>{"po"});
    EXPECT_TRUE(pods->hasSubresource("binding"));
    EXPECT_TRUE(pods->hasSubresource("eviction"));
    EXPECT_TRUE(pods->hasSubresource("log"));
    EXPECT_EQ(findKind("apps/v1", "Deployment"), findResource("apps", "v1", "deployments"));
    EXPECT_EQ(findKind("v1", "Deployment"), nullptr);
    EXPECT_EQ(findResource("apps", "v1", "pods"), nullptr);
}

TEST(Registry, ScopesShortNamesAndCategories) {
    EXPECT_FALSE(findResource("", "v1", "namespaces")->namespaced);
    EXPECT_FALSE(findResource("", "v1", "nodes")->namespaced);
    EXPECT_EQ(findResource("", "v1", "namespaces")->shortNames[0], "ns");
    const ResourceType *deploy = findResource("apps", "v1", "deployments");
    EXPECT_EQ(deploy->shortNames[0], "deploy");
    EXPECT_TRUE(deploy->hasSubresource("scale"));
    EXPECT_EQ(deploy->categories, std::vector<std::string>{"all"});
    EXPECT_TRUE(findResource("", "v1", "configmaps")->categories.empty());
    const ResourceType *hpa = findResource("autoscaling", "v2", "horizontalpodautoscalers");
    ASSERT_NE(hpa, nullptr);
    EXPECT_EQ(hpa->shortNames[0], "hpa");
    ASSERT_NE(findResource("coordination.k8s.io", "v1", "leases"), nullptr);
}

TEST(Registry, EveryTypeHasASchemaAndUniqueNames) {
    std::set<std::string> plurals;
    for (const ResourceType *t : resourceTypes()) {
        ASSERT_NE(t->schema, nullptr) << t->kind;
        EXPECT_NE(t->schema->field("metadata"), nullptr) << t->kind;
        EXPECT_FALSE(t->verbs.empty());
        EXPECT_TRUE(plurals.insert(t->group + "/" + t->plural).second) << t->plural;
    }
    EXPECT_EQ(resourceTypes().size(), 17u);
}

TEST(Registry, BodySchemas) {
    EXPECT_EQ(bodySchema("v1", "Binding"), schemas::binding());
    EXPECT_EQ(bodySchema("policy/v1", "Eviction"), schemas::eviction());
    EXPECT_EQ(bodySchema("autoscaling/v1", "Scale"), schemas::scale());
    EXPECT_EQ(bodySchema("", "DeleteOptions"), schemas::deleteOptions());
    EXPECT_EQ(bodySchema("meta.k8s.io/v1", "DeleteOptions"), schemas::deleteOptions());
    EXPECT_EQ(bodySchema("v1", "Pod"), schemas::pod());
    EXPECT_EQ(bodySchema("v1", "Scale"), nullptr);
}

TEST(Registry, PatchStrategiesFollowGoStructTags) {
    const Schema *spec = schemas::podSpec();
    const Schema *containers = spec->field("containers")->schema;
    EXPECT_EQ(containers->patchStrategy, "merge");
    EXPECT_EQ(containers->patchMergeKey, "name");
    EXPECT_EQ(spec->field("volumes")->schema->patchStrategy, "merge,retainKeys");
    EXPECT_EQ(spec->field("tolerations")->schema->patchStrategy, "");
    const Schema *container = containers->items;
    EXPECT_EQ(container->field("ports")->schema->patchMergeKey, "containerPort");
    EXPECT_EQ(container->field("env")->schema->patchMergeKey, "name");
    EXPECT_EQ(container->field("volumeMounts")->schema->patchMergeKey, "mountPath");
    const Schema *meta = schemas::objectMeta();
    EXPECT_EQ(meta->field("finalizers")->schema->patchStrategy, "merge");
    EXPECT_EQ(meta->field("ownerReferences")->schema->patchMergeKey, "uid");
    const Schema *svcPorts = schemas::service()->field("spec")->schema->field("ports")->schema;
    EXPECT_EQ(svcPorts->patchMergeKey, "port");
}

} // namespace
} // namespace cox::model
