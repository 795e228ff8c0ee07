// Strategic merge patch over a hand-built Deployment-like schema: the patches kubectl apply and
// kubectl edit produce (image change, env/port add and remove, replicas, label removal,
// reordering) and each directive.
#include "model/patch.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

// A slice of the apps/v1 Deployment schema carrying the same patch tags as the Go types.
struct TestSchemas {
    Schema string{SchemaType::String};
    Schema integer{SchemaType::Integer};
    Schema stringMap{SchemaType::Map};
    Schema finalizers{SchemaType::Array};
    Schema metadata{SchemaType::Object};
    Schema envVar{SchemaType::Object};
    Schema envList{SchemaType::Array};
    Schema port{SchemaType::Object};
    Schema portList{SchemaType::Array};
    Schema args{SchemaType::Array};
    Schema container{SchemaType::Object};
    Schema containerList{SchemaType::Array};
    Schema volume{SchemaType::Object};
    Schema volumeList{SchemaType::Array};
    Schema any{SchemaType::Any};
    Schema podSpec{SchemaType::Object};
    Schema podTemplate{SchemaType::Object};
    Schema deploymentSpec{SchemaType::Object};
    Schema deployment{SchemaType::Object};

    TestSchemas() {
        stringMap.items = &string;
        finalizers.items = &string;
        finalizers.patchStrategy = "merge";
        metadata.fields = {{"name", &string},
                           {"labels", &stringMap},
                           {"annotations", &stringMap},
                           {"finalizers", &finalizers}};
        envVar.fields = {{"name", &string}, {"value", &string}};
        envList = listOf(&envVar, "name");
        port.fields = {{"containerPort", &integer}, {"protocol", &string}, {"name", &string}};
        portList = listOf(&port, "containerPort");
        args.items = &string;
        container.fields = {{"name", &string},
                            {"image", &string},
                            {"env", &envList},
                            {"ports", &portList},
                            {"args", &args}};
        containerList = listOf(&container, "name");
        volume.fields = {{"name", &string}, {"emptyDir", &any}, {"hostPath", &any}};
        volumeList = listOf(&volume, "name");
        volumeList.patchStrategy = "merge,retainKeys";
        podSpec.fields = {
            {"containers", &containerList}, {"volumes", &volumeList}, {"nodeName", &string}};
        podTemplate.fields = {{"metadata", &metadata}, {"spec", &podSpec}};
        deploymentSpec.fields = {{"replicas", &integer}, {"template", &podTemplate}};
        deployment.fields = {{"metadata", &metadata}, {"spec", &deploymentSpec}};
    }

    static Schema listOf(const Schema *item, const char *key) {
        Schema s{SchemaType::Array};
        s.items = item;
        s.patchStrategy = "merge";
        s.patchMergeKey = key;
        return s;
    }
};

const TestSchemas &schemas() {
    static const TestSchemas s;
    return s;
}

Json liveDeployment() {
    return Json::parse(R"({
      "metadata": {"name": "web", "labels": {"app": "web", "tier": "frontend"},
                   "finalizers": ["a", "b"]},
      "spec": {"replicas": 2, "template": {"spec": {"containers": [
        {"name": "nginx", "image": "nginx:1.25", "args": ["-g", "daemon off;"],
         "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
         "ports": [{"containerPort": 80, "protocol": "TCP"}]},
        {"name": "sidecar", "image": "busybox"}]}}}})");
}

Json patched(const Json &target, const char *patch) {
    auto result = applyStrategicMergePatch(target, Json::parse(patch), &schemas().deployment);
    EXPECT_TRUE(result.isOk()) << result.status().message();
    return result.isOk() ? *result : Json();
}

Json containers(const Json &deployment) {
    return deployment["spec"]["template"]["spec"]["containers"];
}

TEST(StrategicMergePatchTest, ChangesOneContainerImageAndKeepsTheRest) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
        "containers":[{"name":"nginx","image":"nginx:1.27"}]}}}})");
    Json expected = liveDeployment();
    expected["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
    EXPECT_EQ(out, expected);
}

TEST(StrategicMergePatchTest, ChangesReplicasAndRemovesALabel) {
    Json out =
        patched(liveDeployment(), R"({"metadata":{"labels":{"tier":null}},"spec":{"replicas":5}})");
    EXPECT_EQ(out["spec"]["replicas"], 5);
    EXPECT_EQ(out["metadata"]["labels"], Json::parse(R"({"app":"web"})"));
}

TEST(StrategicMergePatchTest, AddsAndRemovesEnvVarsAsKubectlApplySendsThem) {
    // kubectl apply after removing B and adding C: deletions are `$patch: delete` elements.
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
        "containers":[{"name":"nginx",
          "$setElementOrder/env":[{"name":"A"},{"name":"C"}],
          "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}]}]}}}})");
    EXPECT_EQ(containers(out)[0]["env"],
              Json::parse(R"([{"name":"A","value":"1"},{"name":"C","value":"3"}])"));
    EXPECT_EQ(containers(out)[1], Json::parse(R"({"name":"sidecar","image":"busybox"})"));
}

TEST(StrategicMergePatchTest, AddsAPortAndMergesByContainerPort) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"nginx","ports":[{"containerPort":80,"name":"http"},
                                 {"containerPort":443,"protocol":"TCP"}]}]}}}})");
    EXPECT_EQ(containers(out)[0]["ports"],
              Json::parse(R"([{"containerPort":80,"protocol":"TCP","name":"http"},
                              {"containerPort":443,"protocol":"TCP"}])"));
}

TEST(StrategicMergePatchTest, WithoutOrderDirectiveNewItemsComeFirstAsInKubernetes) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"logger","image":"fluentbit"}]}}}})");
    ASSERT_EQ(containers(out).size(), 3u);
    EXPECT_EQ(containers(out)[0]["name"], "logger");
    EXPECT_EQ(containers(out)[1]["name"], "nginx");
    EXPECT_EQ(containers(out)[2]["name"], "sidecar");
}

TEST(StrategicMergePatchTest, SetElementOrderReordersWithoutChanges) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"sidecar"},{"name":"nginx"}]}}}})");
    EXPECT_EQ(containers(out)[0]["name"], "sidecar");
    EXPECT_EQ(containers(out)[1], liveDeployment()["spec"]["template"]["spec"]["containers"][0]);
}

TEST(StrategicMergePatchTest, SetElementOrderPlacesAnAddedItem) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"nginx"},{"name":"logger"},{"name":"sidecar"}],
        "containers":[{"name":"logger","image":"fluentbit"}]}}}})");
    ASSERT_EQ(containers(out).size(), 3u);
    EXPECT_EQ(containers(out)[1]["name"], "logger");
    EXPECT_EQ(containers(out)[2]["name"], "sidecar");
}

TEST(StrategicMergePatchTest, SetElementOrderInconsistentWithPatchIsRejected) {
    auto result = applyStrategicMergePatch(liveDeployment(), Json::parse(R"({"spec":{"template":
        {"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
                 "containers":[{"name":"sidecar","image":"x"},{"name":"nginx","image":"y"}]}}}})"),
                                           &schemas().deployment);
    ASSERT_FALSE(result.isOk());
    EXPECT_EQ(result.status().code(), StatusCode::BadRequest);
}

TEST(StrategicMergePatchTest, DeletesAContainerByMergeKey) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"$patch":"delete","name":"sidecar"}]}}}})");
    ASSERT_EQ(containers(out).size(), 1u);
    EXPECT_EQ(containers(out)[0]["name"], "nginx");
}

TEST(StrategicMergePatchTest, ReplaceDirectiveInAListReplacesTheList) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"only","image":"x"},{"$patch":"replace"}]}}}})");
    EXPECT_EQ(containers(out), Json::parse(R"([{"name":"only","image":"x"}])"));
}

TEST(StrategicMergePatchTest, ReplaceAndDeleteDirectivesInMaps) {
    Json out =
        patched(liveDeployment(), R"({"metadata":{"labels":{"$patch":"replace","new":"1"}}})");
    EXPECT_EQ(out["metadata"]["labels"], Json::parse(R"({"new":"1"})"));
    out = patched(liveDeployment(), R"({"metadata":{"labels":{"$patch":"delete"}}})");
    EXPECT_EQ(out["metadata"]["labels"], Json::object());
    out = patched(liveDeployment(), R"({"metadata":{"labels":{"$patch":"merge","x":"y"}}})");
    EXPECT_EQ(out["metadata"]["labels"].size(), 3u);
}

TEST(StrategicMergePatchTest, PrimitiveMergeListsUnionAndDelete) {
    Json out = patched(liveDeployment(), R"({"metadata":{"finalizers":["b","c"]}})");
    EXPECT_EQ(out["metadata"]["finalizers"], Json::parse(R"(["a","b","c"])"));
    out =
        patched(liveDeployment(), R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})");
    EXPECT_EQ(out["metadata"]["finalizers"], Json::parse(R"(["b"])"));
    out = patched(liveDeployment(), R"({"metadata":{"$setElementOrder/finalizers":["b","a"]}})");
    EXPECT_EQ(out["metadata"]["finalizers"], Json::parse(R"(["b","a"])"));
}

TEST(StrategicMergePatchTest, ListsWithoutMergeStrategyAreReplaced) {
    Json out = patched(liveDeployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"nginx","args":["-v"]}]}}}})");
    EXPECT_EQ(containers(out)[0]["args"], Json::parse(R"(["-v"])"));
}

TEST(StrategicMergePatchTest, RetainKeysClearsOtherFields) {
    Json live = liveDeployment();
    live["spec"]["template"]["spec"]["volumes"] = Json::parse(R"([{"name":"data","emptyDir":{}}])");
    Json out = patched(live, R"({"spec":{"template":{"spec":{"volumes":[
        {"name":"data","$retainKeys":["hostPath","name"],"hostPath":{"path":"/d"}}]}}}})");
    EXPECT_EQ(out["spec"]["template"]["spec"]["volumes"],
              Json::parse(R"([{"name":"data","hostPath":{"path":"/d"}}])"));
    auto bad = applyStrategicMergePatch(live, Json::parse(R"({"metadata":
        {"$retainKeys":["name"],"labels":{"a":"b"}}})"),
                                        &schemas().deployment);
    EXPECT_FALSE(bad.isOk());
}

TEST(StrategicMergePatchTest, UnknownFieldsFollowMergePatch) {
    Json live = liveDeployment();
    live["status"] = Json::parse(R"({"conditions":[{"type":"A"}],"extra":{"x":1,"y":2}})");
    Json out = patched(live, R"({"status":{"conditions":[{"type":"B"}],"extra":{"x":null}}})");
    EXPECT_EQ(out["status"], Json::parse(R"({"conditions":[{"type":"B"}],"extra":{"y":2}})"));
}

TEST(StrategicMergePatchTest, NullSchemaBehavesAsMergePatch) {
    Json live = liveDeployment();
    auto out = applyStrategicMergePatch(
        live, Json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"x"}]}}}})"),
        nullptr);
    ASSERT_TRUE(out.isOk());
    EXPECT_EQ(containers(*out), Json::parse(R"([{"name":"x"}])"));
}

TEST(StrategicMergePatchTest, NewValuesAreCleanedOfDirectivesAndNulls) {
    Json live = Json::parse(R"({"metadata":{"name":"web"}})");
    Json out = patched(live, R"({"spec":{"template":{"spec":{"containers":[
        {"name":"a","image":null},{"$patch":"delete","name":"b"}]}}}})");
    EXPECT_EQ(containers(out), Json::parse(R"([{"name":"a"}])"));
}

TEST(StrategicMergePatchTest, MalformedPatchesAreBadRequest) {
    for (const char *patch :
         {R"([])", R"({"metadata":{"$patch":"frobnicate"}})",
          R"({"spec":{"template":{"spec":{"containers":[{"image":"no-name"}]}}}})",
          R"({"spec":{"template":{"spec":{"containers":[{"$patch":"delete"}]}}}})",
          R"({"spec":{"template":{"spec":{"containers":["scalar"]}}}})",
          R"({"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}})"}) {
        auto result =
            applyStrategicMergePatch(liveDeployment(), Json::parse(patch), &schemas().deployment);
        ASSERT_FALSE(result.isOk()) << patch;
        EXPECT_EQ(result.status().code(), StatusCode::BadRequest) << patch;
    }
}

} // namespace
} // namespace cox::model
