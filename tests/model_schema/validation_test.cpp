#include "model/defaults.h"
#include "model/object_validation.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

const ResourceType &type(std::string_view apiVersion, std::string_view kind) {
    const ResourceType *t = findKind(apiVersion, kind);
    EXPECT_NE(t, nullptr) << kind;
    return *t;
}

Json validPod() {
    return Json::parse(R"({"apiVersion":"v1","kind":"Pod",
        "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
        "spec":{"containers":[{"name":"nginx","image":"nginx:1.25",
            "ports":[{"containerPort":80,"name":"http"}],
            "volumeMounts":[{"name":"data","mountPath":"/data"}],
            "resources":{"limits":{"cpu":"1"},"requests":{"cpu":"500m"}}}],
          "volumes":[{"name":"data","emptyDir":{}}]}})");
}

Json validDeployment() {
    return Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"nginx","namespace":"default"},
        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},
          "template":{"metadata":{"labels":{"app":"nginx"}},
            "spec":{"containers":[{"name":"nginx","image":"nginx:1.14.2"}]}}}})");
}

Json validService() {
    return Json::parse(R"({"apiVersion":"v1","kind":"Service",
        "metadata":{"name":"web","namespace":"default"},
        "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}})");
}

// One row: a mutation of a valid object and the error path (and type) it must produce.
struct Case {
    const char *name;
    const char *apiVersion;
    const char *kind;
    std::function<Json()> base;
    std::function<void(Json &)> mutate;
    std::string path;
    FieldError::Type type;
};

class ValidationTable : public ::testing::TestWithParam<Case> {};

TEST_P(ValidationTable, ReportsTheField) {
    const Case &c = GetParam();
    Json obj = c.base();
    const ResourceType &t = type(c.apiVersion, c.kind);
    ASSERT_TRUE(validateObject(t, obj).empty()) << "base object must be valid";
    c.mutate(obj);
    FieldErrors errs = validateObject(t, obj);
    bool found = false;
    std::string all;
    for (const auto &e : errs) {
        all += e.toString() + "\n";
        found = found || (e.field == c.path && e.type == c.type);
    }
    EXPECT_TRUE(found) << c.name << ": expected " << c.path << " in:\n" << all;
}

using T = FieldError::Type;

const Case kCases[] = {
    {"NameRequired", "v1", "Pod", validPod, [](Json &o) { o["metadata"].erase("name"); },
     "metadata.name", T::Required},
    {"NameFormat", "v1", "Pod", validPod, [](Json &o) { o["metadata"]["name"] = "Web_1"; },
     "metadata.name", T::Invalid},
    {"NamespaceRequired", "v1", "Pod", validPod, [](Json &o) { o["metadata"].erase("namespace"); },
     "metadata.namespace", T::Required},
    {"LabelKey", "v1", "Pod", validPod, [](Json &o) { o["metadata"]["labels"]["bad key"] = "x"; },
     "metadata.labels", T::Invalid},
    {"LabelValue", "v1", "Pod", validPod,
     [](Json &o) { o["metadata"]["labels"]["app"] = std::string(64, 'a'); }, "metadata.labels",
     T::Invalid},
    {"AnnotationsTooLarge", "v1", "Pod", validPod,
     [](Json &o) { o["metadata"]["annotations"]["big"] = std::string(256 * 1024, 'x'); },
     "metadata.annotations", T::TooLong},
    {"NoContainers", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"] = Json::array(); }, "spec.containers", T::Required},
    {"ImageRequired", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"][0].erase("image"); }, "spec.containers[0].image",
     T::Required},
    {"ContainerName", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"][0]["name"] = "Nginx"; }, "spec.containers[0].name",
     T::Invalid},
    {"DuplicateContainerAcrossInit", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["initContainers"] = Json::array({{{"name", "nginx"}, {"image", "busybox"}}});
     },
     "spec.containers[0].name", T::Duplicate},
    {"PortRange", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"][0]["ports"][0]["containerPort"] = 70000; },
     "spec.containers[0].ports[0].containerPort", T::Invalid},
    {"PortNameDuplicate", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["containers"][0]["ports"].push_back({{"containerPort", 81}, {"name", "http"}});
     },
     "spec.containers[0].ports[1].name", T::Duplicate},
    {"BadQuantity", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"][0]["resources"]["limits"]["memory"] = "lots"; },
     "spec.containers[0].resources.limits[memory]", T::Invalid},
    {"RequestAboveLimit", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"][0]["resources"]["requests"]["cpu"] = "2"; },
     "spec.containers[0].resources.requests[cpu]", T::Invalid},
    {"RestartPolicy", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["restartPolicy"] = "Sometimes"; }, "spec.restartPolicy",
     T::NotSupported},
    {"DnsPolicy", "v1", "Pod", validPod, [](Json &o) { o["spec"]["dnsPolicy"] = "Google"; },
     "spec.dnsPolicy", T::NotSupported},
    {"ProbeWithoutHandler", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["containers"][0]["livenessProbe"] = {{"periodSeconds", 5}};
     },
     "spec.containers[0].livenessProbe", T::Required},
    {"ProbeTwoHandlers", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["containers"][0]["readinessProbe"] = {{"exec", {{"command", {"true"}}}},
                                                         {"tcpSocket", {{"port", 80}}}};
     },
     "spec.containers[0].readinessProbe.tcpSocket", T::Forbidden},
    {"LivenessSuccessThreshold", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["containers"][0]["livenessProbe"] = {{"tcpSocket", {{"port", 80}}},
                                                        {"successThreshold", 2}};
     },
     "spec.containers[0].livenessProbe.successThreshold", T::Invalid},
    {"EnvName", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["containers"][0]["env"] = {{{"name", "1 bad"}, {"value", "x"}}};
     },
     "spec.containers[0].env[0].name", T::Invalid},
    {"MountWithoutVolume", "v1", "Pod", validPod,
     [](Json &o) { o["spec"]["containers"][0]["volumeMounts"][0]["name"] = "nope"; },
     "spec.containers[0].volumeMounts[0].name", T::Invalid},
    {"DuplicateVolume", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["volumes"].push_back({{"name", "data"}, {"emptyDir", Json::object()}});
     },
     "spec.volumes[1].name", T::Duplicate},
    {"TolerationExistsWithValue", "v1", "Pod", validPod,
     [](Json &o) {
         o["spec"]["tolerations"] = {{{"key", "k"}, {"operator", "Exists"}, {"value", "v"}}};
     },
     "spec.tolerations[0].operator", T::Invalid},
    {"SelectorRequired", "apps/v1", "Deployment", validDeployment,
     [](Json &o) { o["spec"].erase("selector"); }, "spec.selector", T::Required},
    {"SelectorEmpty", "apps/v1", "Deployment", validDeployment,
     [](Json &o) { o["spec"]["selector"] = Json::object(); }, "spec.selector", T::Invalid},
    {"SelectorMismatch", "apps/v1", "Deployment", validDeployment,
     [](Json &o) { o["spec"]["template"]["metadata"]["labels"]["app"] = "other"; },
     "spec.template.metadata.labels", T::Invalid},
    {"NegativeReplicas", "apps/v1", "Deployment", validDeployment,
     [](Json &o) { o["spec"]["replicas"] = -1; }, "spec.replicas", T::Invalid},
    {"StrategyType", "apps/v1", "Deployment", validDeployment,
     [](Json &o) {
         o["spec"]["strategy"] = {{"type", "BlueGreen"}};
     },
     "spec.strategy.type", T::NotSupported},
    {"RecreateWithRolling", "apps/v1", "Deployment", validDeployment,
     [](Json &o) {
         o["spec"]["strategy"] = {{"type", "Recreate"}, {"rollingUpdate", {{"maxSurge", 1}}}};
     },
     "spec.strategy.rollingUpdate", T::Forbidden},
    {"BothZero", "apps/v1", "Deployment", validDeployment,
     [](Json &o) {
         o["spec"]["strategy"] = {{"type", "RollingUpdate"},
                                  {"rollingUpdate", {{"maxSurge", 0}, {"maxUnavailable", 0}}}};
     },
     "spec.strategy.rollingUpdate.maxUnavailable", T::Invalid},
    {"RevisionHistory", "apps/v1", "Deployment", validDeployment,
     [](Json &o) { o["spec"]["revisionHistoryLimit"] = -2; }, "spec.revisionHistoryLimit",
     T::Invalid},
    {"TemplateRestartPolicy", "apps/v1", "Deployment", validDeployment,
     [](Json &o) { o["spec"]["template"]["spec"]["restartPolicy"] = "Never"; },
     "spec.template.spec.restartPolicy", T::NotSupported},
    {"ServiceName", "v1", "Service", validService, [](Json &o) { o["metadata"]["name"] = "1web"; },
     "metadata.name", T::Invalid},
    {"ServicePortsRequired", "v1", "Service", validService,
     [](Json &o) { o["spec"]["ports"] = Json::array(); }, "spec.ports", T::Required},
    {"ServicePortNamesWhenMany", "v1", "Service", validService,
     [](Json &o) {
         o["spec"]["ports"].push_back({{"port", 443}});
     },
     "spec.ports[0].name", T::Required},
    {"ServiceNodePortRange", "v1", "Service", validService,
     [](Json &o) {
         o["spec"]["type"] = "NodePort";
         o["spec"]["ports"][0]["nodePort"] = 8080;
     },
     "spec.ports[0].nodePort", T::Invalid},
    {"ServiceType", "v1", "Service", validService, [](Json &o) { o["spec"]["type"] = "Magic"; },
     "spec.type", T::NotSupported},
    {"ServiceClusterIp", "v1", "Service", validService,
     [](Json &o) { o["spec"]["clusterIP"] = "10.0.0.300"; }, "spec.clusterIP", T::Invalid},
    {"ServicePortNumber", "v1", "Service", validService,
     [](Json &o) { o["spec"]["ports"][0]["port"] = 0; }, "spec.ports[0].port", T::Invalid},
};

INSTANTIATE_TEST_SUITE_P(Rules, ValidationTable, ::testing::ValuesIn(kCases),
                         [](const auto &info) { return std::string(info.param.name); });

TEST(Validation, ClusterScopedKindsRejectNamespace) {
    Json node = Json::parse(R"({"metadata":{"name":"n1","namespace":"default"}})");
    FieldErrors errs = validateObject(type("v1", "Node"), node);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].field, "metadata.namespace");
    EXPECT_EQ(errs[0].type, T::Forbidden);
    Json ns = Json::parse(R"({"metadata":{"name":"a.b"}})");
    EXPECT_EQ(validateObject(type("v1", "Namespace"), ns).at(0).field, "metadata.name");
    Json generated = Json::parse(R"({"metadata":{"generateName":"node-"}})");
    EXPECT_TRUE(validateObject(type("v1", "Node"), generated).empty());
}

TEST(Validation, ConfigMapAndSecretKeysAndSize) {
    Json cm = Json::parse(R"({"metadata":{"name":"c","namespace":"d"},"data":{"ok.key":"v",
        "bad/key":"v"}})");
    FieldErrors errs = validateObject(type("v1", "ConfigMap"), cm);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].field, "data[bad/key]");
    cm["data"] = {{"big", std::string(1024 * 1024 + 1, 'x')}};
    errs = validateObject(type("v1", "ConfigMap"), cm);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].type, T::TooLong);
    Json secret =
        Json::parse(R"({"metadata":{"name":"s","namespace":"d"},"type":"kubernetes.io/tls",
        "data":{"tls.crt":"not base64!"}})");
    errs = validateObject(type("v1", "Secret"), secret);
    ASSERT_EQ(errs.size(), 2u);
    EXPECT_EQ(errs[0].field, "data[tls.crt]");
    EXPECT_EQ(errs[1].field, "data[tls.key]");
}

TEST(Validation, HpaLeaseEvent) {
    Json hpa = Json::parse(R"({"metadata":{"name":"h","namespace":"d"},"spec":{"scaleTargetRef":
        {"kind":"Deployment","name":"web"},"minReplicas":5,"maxReplicas":2}})");
    FieldErrors errs = validateObject(type("autoscaling/v2", "HorizontalPodAutoscaler"), hpa);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].field, "spec.maxReplicas");
    hpa["spec"]["maxReplicas"] = 0;
    hpa["spec"].erase("minReplicas");
    EXPECT_EQ(validateObject(type("autoscaling/v2", "HorizontalPodAutoscaler"), hpa).at(0).field,
              "spec.maxReplicas");
    Json lease = Json::parse(R"({"metadata":{"name":"l","namespace":"d"},"spec":
        {"leaseDurationSeconds":0}})");
    EXPECT_EQ(validateObject(type("coordination.k8s.io/v1", "Lease"), lease).at(0).field,
              "spec.leaseDurationSeconds");
    Json event = Json::parse(R"({"metadata":{"name":"e","namespace":"d"},"involvedObject":
        {"kind":"Pod","name":"p","namespace":"other"},"type":"Normal"})");
    EXPECT_EQ(validateObject(type("v1", "Event"), event).at(0).field, "involvedObject.namespace");
}

TEST(ValidationUpdate, PodSpecIsImmutableExceptImage) {
    const ResourceType &pods = type("v1", "Pod");
    Json old = validPod();
    applyDefaults(pods, old);
    Json updated = old;
    updated["spec"]["containers"][0]["image"] = "nginx:1.26";
    updated["spec"]["activeDeadlineSeconds"] = 100;
    updated["spec"]["tolerations"] = {{{"key", "k"}, {"operator", "Exists"}}};
    EXPECT_TRUE(validateObjectUpdate(pods, updated, old).empty());
    updated["spec"]["containers"][0]["ports"][0]["containerPort"] = 81;
    FieldErrors errs = validateObjectUpdate(pods, updated, old);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].field, "spec");
    EXPECT_EQ(errs[0].type, T::Forbidden);
    EXPECT_NE(errs[0].detail.find("pod updates may not change fields"), std::string::npos);
}

TEST(ValidationUpdate, SelectorClusterIpAndImmutableData) {
    const ResourceType &deploys = type("apps/v1", "Deployment");
    Json old = validDeployment();
    Json updated = old;
    updated["spec"]["selector"]["matchLabels"]["tier"] = "web";
    updated["spec"]["template"]["metadata"]["labels"]["tier"] = "web";
    EXPECT_EQ(validateObjectUpdate(deploys, updated, old).at(0).field, "spec.selector");

    const ResourceType &services = type("v1", "Service");
    Json svc = validService();
    svc["spec"]["clusterIP"] = "10.43.0.10";
    Json changed = svc;
    changed["spec"]["clusterIP"] = "10.43.0.11";
    EXPECT_EQ(validateObjectUpdate(services, changed, svc).at(0).field, "spec.clusterIP");

    const ResourceType &cms = type("v1", "ConfigMap");
    Json cm = Json::parse(R"({"metadata":{"name":"c","namespace":"d"},"data":{"a":"1"},
        "immutable":true})");
    Json cm2 = cm;
    EXPECT_TRUE(validateObjectUpdate(cms, cm2, cm).empty());
    cm2["data"]["a"] = "2";
    EXPECT_EQ(validateObjectUpdate(cms, cm2, cm).at(0).field, "data");
    cm2 = cm;
    cm2["immutable"] = false;
    EXPECT_EQ(validateObjectUpdate(cms, cm2, cm).at(0).field, "immutable");
}

} // namespace
} // namespace cox::model
