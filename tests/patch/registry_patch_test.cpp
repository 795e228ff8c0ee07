// Strategic merge patch with the served schemas from the registry (model/resource_type.h): the
// patches kubectl apply computes against real Deployment and Pod objects.
#include "model/patch.h"
#include "model/resource_type.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

const Schema *schemaOf(const char *group, const char *plural) {
    const ResourceType *type = findResource(group, "v1", plural);
    return type ? type->schema : nullptr;
}

Json deployment() {
    return Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
      "metadata":{"name":"web","namespace":"default","labels":{"app":"web","env":"dev"},
        "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
      "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
        "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{
          "containers":[{"name":"nginx","image":"nginx:1.25",
            "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}],
            "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}],
          "volumes":[{"name":"cache","emptyDir":{}}]}}}})");
}

Json patched(const Json &patch, const char *group = "apps", const char *plural = "deployments") {
    const Schema *schema = schemaOf(group, plural);
    EXPECT_NE(schema, nullptr) << plural;
    auto result = applyStrategicMergePatch(deployment(), patch, schema);
    EXPECT_TRUE(result.isOk()) << result.status().message();
    return result.isOk() ? *result : Json();
}

TEST(RegistryPatchTest, KubectlApplyImageEnvPortAndReplicaChange) {
    // What kubectl apply sends after editing the manifest: new image, env B removed and C added,
    // port 443 removed, replicas 3, label env removed.
    Json out = patched(Json::parse(R"({
      "metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}"},
                  "labels":{"env":null}},
      "spec":{"replicas":3,"template":{"spec":{
        "$setElementOrder/containers":[{"name":"nginx"}],
        "containers":[{"name":"nginx","image":"nginx:1.27",
          "$setElementOrder/env":[{"name":"A"},{"name":"C"}],
          "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],
          "$setElementOrder/ports":[{"containerPort":80}],
          "ports":[{"$patch":"delete","containerPort":443}]}]}}}})"));
    const Json &c = out["spec"]["template"]["spec"]["containers"][0];
    EXPECT_EQ(c["image"], "nginx:1.27");
    EXPECT_EQ(c["env"], Json::parse(R"([{"name":"A","value":"1"},{"name":"C","value":"3"}])"));
    EXPECT_EQ(c["ports"], Json::parse(R"([{"containerPort":80,"protocol":"TCP"}])"));
    EXPECT_EQ(out["spec"]["replicas"], 3);
    EXPECT_EQ(out["metadata"]["labels"], Json::parse(R"({"app":"web"})"));
    EXPECT_EQ(out["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"],
              "{...}");
    EXPECT_EQ(out["spec"]["template"]["spec"]["volumes"],
              deployment()["spec"]["template"]["spec"]["volumes"]);
}

TEST(RegistryPatchTest, AddingAContainerKeepsTheExistingOne) {
    Json out = patched(Json::parse(R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
        "containers":[{"name":"sidecar","image":"busybox"}]}}}})"));
    const Json &cs = out["spec"]["template"]["spec"]["containers"];
    ASSERT_EQ(cs.size(), 2u);
    EXPECT_EQ(cs[0]["image"], "nginx:1.25");
    EXPECT_EQ(cs[1]["name"], "sidecar");
}

TEST(RegistryPatchTest, RecreateStrategyDropsRollingUpdateWithRetainKeys) {
    // kubectl apply switching to Recreate: strategy carries patchStrategy retainKeys.
    Json out = patched(Json::parse(
        R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}})"));
    EXPECT_EQ(out["spec"]["strategy"], Json::parse(R"({"type":"Recreate"})"));
}

TEST(RegistryPatchTest, VolumeSourceSwitchWithRetainKeys) {
    Json out = patched(Json::parse(R"({"spec":{"template":{"spec":{
        "$setElementOrder/volumes":[{"name":"cache"}],
        "volumes":[{"$retainKeys":["hostPath","name"],"name":"cache",
                    "hostPath":{"path":"/var/cache"}}]}}}})"));
    EXPECT_EQ(out["spec"]["template"]["spec"]["volumes"],
              Json::parse(R"([{"name":"cache","hostPath":{"path":"/var/cache"}}])"));
}

TEST(RegistryPatchTest, PodFinalizersAndTolerationsFollowTheirTags) {
    const Schema *pod = schemaOf("", "pods");
    ASSERT_NE(pod, nullptr);
    Json live = Json::parse(R"({"metadata":{"name":"p","finalizers":["a"]},
        "spec":{"containers":[{"name":"c","image":"x"}],
                "tolerations":[{"key":"k1","operator":"Exists"}]}})");
    auto out = applyStrategicMergePatch(live, Json::parse(R"({"metadata":{"finalizers":["b"]},
        "spec":{"tolerations":[{"key":"k2","operator":"Exists"}]}})"),
                                        pod);
    ASSERT_TRUE(out.isOk()) << out.status().message();
    // finalizers: patchStrategy merge (a union); tolerations: no strategy (replaced).
    EXPECT_EQ((*out)["metadata"]["finalizers"], Json::parse(R"(["b","a"])"));
    EXPECT_EQ((*out)["spec"]["tolerations"], Json::parse(R"([{"key":"k2","operator":"Exists"}])"));
}

} // namespace
} // namespace cox::model
