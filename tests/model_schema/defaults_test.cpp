#include "model/defaults.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

const ResourceType &type(std::string_view apiVersion, std::string_view kind) {
    const ResourceType *t = findKind(apiVersion, kind);
    EXPECT_NE(t, nullptr) << kind;
    return *t;
}

TEST(Defaults, MinimalPod) {
    Json pod = Json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
        "spec":{"containers":[
          {"name":"a","image":"nginx","ports":[{"containerPort":80}],
           "livenessProbe":{"httpGet":{"port":80}},
           "resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}},
          {"name":"b","image":"nginx:1.25"},
          {"name":"c","image":"registry:5000/x:latest"}],
        "volumes":[{"name":"scratch"},{"name":"cfg","configMap":{"name":"x"}}]}})");
    applyDefaults(type("v1", "Pod"), pod);
    const Json &spec = pod["spec"];
    EXPECT_EQ(spec["restartPolicy"], "Always");
    EXPECT_EQ(spec["terminationGracePeriodSeconds"], 30);
    EXPECT_EQ(spec["dnsPolicy"], "ClusterFirst");
    EXPECT_EQ(spec["schedulerName"], "default-scheduler");
    EXPECT_EQ(spec["securityContext"], Json::object());
    EXPECT_EQ(spec["enableServiceLinks"], true);
    const Json &a = spec["containers"][0];
    EXPECT_EQ(a["imagePullPolicy"], "Always");
    EXPECT_EQ(spec["containers"][1]["imagePullPolicy"], "IfNotPresent");
    EXPECT_EQ(spec["containers"][2]["imagePullPolicy"], "Always");
    EXPECT_EQ(a["terminationMessagePath"], "/dev/termination-log");
    EXPECT_EQ(a["terminationMessagePolicy"], "File");
    EXPECT_EQ(a["ports"][0]["protocol"], "TCP");
    const Json &probe = a["livenessProbe"];
    EXPECT_EQ(probe["periodSeconds"], 10);
    EXPECT_EQ(probe["timeoutSeconds"], 1);
    EXPECT_EQ(probe["successThreshold"], 1);
    EXPECT_EQ(probe["failureThreshold"], 3);
    EXPECT_EQ(probe["httpGet"]["path"], "/");
    EXPECT_EQ(probe["httpGet"]["scheme"], "HTTP");
    // Requests default to limits only where unset.
    EXPECT_EQ(a["resources"]["requests"]["cpu"], "500m");
    EXPECT_EQ(a["resources"]["requests"]["memory"], "1Gi");
    EXPECT_FALSE(spec["containers"][1].contains("resources"));
    EXPECT_EQ(spec["volumes"][0]["emptyDir"], Json::object());
    EXPECT_EQ(spec["volumes"][1]["configMap"]["defaultMode"], 420);
}

TEST(Defaults, KeepsValuesThatAreSet) {
    Json pod = Json::parse(R"({"metadata":{"name":"p"},"spec":{"restartPolicy":"Never",
        "terminationGracePeriodSeconds":0,"containers":[{"name":"a","image":"x",
        "imagePullPolicy":"Never"}]}})");
    applyDefaults(type("v1", "Pod"), pod);
    EXPECT_EQ(pod["spec"]["restartPolicy"], "Never");
    EXPECT_EQ(pod["spec"]["terminationGracePeriodSeconds"], 0);
    EXPECT_EQ(pod["spec"]["containers"][0]["imagePullPolicy"], "Never");
}

TEST(Defaults, Deployment) {
    Json d = Json::parse(R"({"metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"a":"b"}},
        "template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c",
        "image":"nginx:1.14.2"}]}}}})");
    applyDefaults(type("apps/v1", "Deployment"), d);
    const Json &spec = d["spec"];
    EXPECT_EQ(spec["replicas"], 1);
    EXPECT_EQ(spec["revisionHistoryLimit"], 10);
    EXPECT_EQ(spec["progressDeadlineSeconds"], 600);
    EXPECT_EQ(spec["strategy"]["type"], "RollingUpdate");
    EXPECT_EQ(spec["strategy"]["rollingUpdate"]["maxSurge"], "25%");
    EXPECT_EQ(spec["strategy"]["rollingUpdate"]["maxUnavailable"], "25%");
    EXPECT_EQ(spec["template"]["spec"]["restartPolicy"], "Always");
    EXPECT_EQ(spec["template"]["spec"]["containers"][0]["imagePullPolicy"], "IfNotPresent");

    Json recreate = Json::parse(R"({"spec":{"strategy":{"type":"Recreate"}}})");
    applyDefaults(type("apps/v1", "Deployment"), recreate);
    EXPECT_FALSE(recreate["spec"]["strategy"].contains("rollingUpdate"));
}

TEST(Defaults, ReplicaSetSecretNamespaceNode) {
    Json rs =
        Json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x"}]}}}})");
    applyDefaults(type("apps/v1", "ReplicaSet"), rs);
    EXPECT_EQ(rs["spec"]["replicas"], 1);
    EXPECT_EQ(rs["spec"]["template"]["spec"]["dnsPolicy"], "ClusterFirst");

    Json secret = Json::parse(R"({"metadata":{"name":"s"}})");
    applyDefaults(type("v1", "Secret"), secret);
    EXPECT_EQ(secret["type"], "Opaque");

    Json ns = Json::parse(R"({"metadata":{"name":"team-a"}})");
    applyDefaults(type("v1", "Namespace"), ns);
    EXPECT_EQ(ns["status"]["phase"], "Active");
    EXPECT_EQ(ns["metadata"]["labels"]["kubernetes.io/metadata.name"], "team-a");

    Json node = Json::parse(R"({"status":{"capacity":{"cpu":"4"}}})");
    applyDefaults(type("v1", "Node"), node);
    EXPECT_EQ(node["status"]["allocatable"]["cpu"], "4");
}

TEST(Defaults, Service) {
    Json svc = Json::parse(R"({"metadata":{"name":"s"},"spec":{"selector":{"app":"x"},
        "ports":[{"port":80},{"port":443,"targetPort":8443,"protocol":"TCP"}]}})");
    applyDefaults(type("v1", "Service"), svc);
    const Json &spec = svc["spec"];
    EXPECT_EQ(spec["type"], "ClusterIP");
    EXPECT_EQ(spec["sessionAffinity"], "None");
    EXPECT_EQ(spec["internalTrafficPolicy"], "Cluster");
    EXPECT_EQ(spec["ipFamilies"], Json::array({"IPv4"}));
    EXPECT_EQ(spec["ipFamilyPolicy"], "SingleStack");
    EXPECT_EQ(spec["ports"][0]["protocol"], "TCP");
    EXPECT_EQ(spec["ports"][0]["targetPort"], 80);
    EXPECT_EQ(spec["ports"][1]["targetPort"], 8443);
    EXPECT_FALSE(spec.contains("externalTrafficPolicy"));

    Json np = Json::parse(R"({"spec":{"type":"NodePort","ports":[{"port":80}]}})");
    applyDefaults(type("v1", "Service"), np);
    EXPECT_EQ(np["spec"]["externalTrafficPolicy"], "Cluster");
}

TEST(Defaults, Hpa) {
    Json hpa = Json::parse(R"({"spec":{"maxReplicas":5,"behavior":{"scaleDown":{
        "stabilizationWindowSeconds":60}}}})");
    applyDefaults(type("autoscaling/v2", "HorizontalPodAutoscaler"), hpa);
    EXPECT_EQ(hpa["spec"]["minReplicas"], 1);
    EXPECT_EQ(hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"], 80);
    EXPECT_EQ(hpa["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"], 60);
    EXPECT_EQ(hpa["spec"]["behavior"]["scaleUp"]["selectPolicy"], "Max");
}

} // namespace
} // namespace cox::model
