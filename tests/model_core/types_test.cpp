#include "model/types/deployment.h"
#include "model/types/node.h"
#include "model/types/pod.h"
#include "model/types/replica_set.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

// The Deployment from the Kubernetes "Deployments" concept page, plus a rollout strategy.
const char *kDeployment = R"({
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "nginx-deployment", "labels": {"app": "nginx"}},
  "spec": {
    "replicas": 3,
    "selector": {"matchLabels": {"app": "nginx"}},
    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
    "revisionHistoryLimit": 10,
    "progressDeadlineSeconds": 600,
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {"containers": [{"name": "nginx", "image": "nginx:1.14.2",
                               "ports": [{"containerPort": 80}]}]}
    }
  }
})";

// A Pod exercising resources, probes, env, placement and status.
const char *kPod = R"({
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "frontend", "namespace": "default", "uid": "6f1c", "resourceVersion": "42",
    "creationTimestamp": "2026-01-02T03:04:05Z",
    "labels": {"app": "web"}, "annotations": {"note": "x"},
    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d",
                         "uid": "r1", "controller": true, "blockOwnerDeletion": true}],
    "finalizers": ["example.com/cleanup"]
  },
  "spec": {
    "initContainers": [{"name": "init", "image": "busybox", "command": ["sh", "-c", "true"],
                        "resources": {"requests": {"cpu": "1", "memory": "64Mi"}}}],
    "containers": [
      {"name": "app", "image": "images.my-company.example/app:v4",
       "args": ["--port", "8080"], "workingDir": "/srv",
       "env": [{"name": "MODE", "value": "prod"},
               {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "s", "key": "p"}}}],
       "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
       "resources": {"requests": {"memory": "64Mi", "cpu": "250m"},
                     "limits": {"memory": "128Mi", "cpu": "500m"}},
       "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"},
                         "initialDelaySeconds": 3, "periodSeconds": 3},
       "readinessProbe": {"tcpSocket": {"port": 8080}, "failureThreshold": 2},
       "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "successThreshold": 1},
       "volumeMounts": [{"name": "data", "mountPath": "/data", "readOnly": true}],
       "imagePullPolicy": "IfNotPresent"},
      {"name": "log-aggregator", "image": "images.my-company.example/log-aggregator:v6",
       "resources": {"requests": {"memory": "64Mi", "cpu": "250m"}}}
    ],
    "volumes": [{"name": "data", "emptyDir": {}}],
    "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
    "nodeSelector": {"disktype": "ssd"},
    "affinity": {
      "nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
          {"matchExpressions": [{"key": "topology.kubernetes.io/zone", "operator": "In",
                                 "values": ["antarctica-east1", "antarctica-west1"]}]}]},
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 1, "preference": {"matchExpressions": [
            {"key": "another-node-label-key", "operator": "In", "values": ["another-node-label-value"]}]}}]
      },
      "podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {
          "labelSelector": {"matchExpressions": [{"key": "security", "operator": "In", "values": ["S2"]}]},
          "topologyKey": "topology.kubernetes.io/zone"}}],
        "requiredDuringSchedulingIgnoredDuringExecution": [{
          "labelSelector": {"matchLabels": {"app": "web"}}, "namespaces": ["default"],
          "topologyKey": "kubernetes.io/hostname"}]
      }
    },
    "tolerations": [{"key": "example-key", "operator": "Exists", "effect": "NoSchedule"},
                    {"key": "node.kubernetes.io/unreachable", "operator": "Exists",
                     "effect": "NoExecute", "tolerationSeconds": 300}],
    "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone",
                                   "whenUnsatisfiable": "DoNotSchedule",
                                   "labelSelector": {"matchLabels": {"app": "web"}}}],
    "schedulerName": "default-scheduler", "priority": 0, "nodeName": "node-1"
  },
  "status": {
    "phase": "Running",
    "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-02T03:04:09Z"}],
    "hostIP": "192.168.1.10", "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}],
    "startTime": "2026-01-02T03:04:06Z",
    "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "image": "app:v4",
                           "imageID": "sha256:abc", "containerID": "cox://1", "started": true,
                           "state": {"running": {"startedAt": "2026-01-02T03:04:07Z"}}}]
  }
})";

TEST(TypedObjects, DeploymentRoundTrips) {
    Json in = Json::parse(kDeployment);
    auto d = Deployment::fromJson(in);
    ASSERT_TRUE(d.isOk()) << d.status().message();
    EXPECT_EQ(d->spec.replicas, 3);
    EXPECT_EQ(d->spec.template_.spec.containers.at(0).ports.at(0).containerPort, 80);
    ASSERT_TRUE(d->spec.strategy.rollingUpdate.has_value());
    EXPECT_EQ(d->spec.strategy.rollingUpdate->maxSurge->resolve(3, true), 1);
    EXPECT_EQ(d->spec.strategy.rollingUpdate->maxUnavailable->resolve(3, false), 1);
    auto selector = d->spec.selector->toSelector();
    ASSERT_TRUE(selector.isOk());
    EXPECT_EQ(selector->toString(), "app=nginx");
    EXPECT_EQ(d->toJson(), in) << d->toJson().dump(2);
}

TEST(TypedObjects, PodRoundTrips) {
    Json in = Json::parse(kPod);
    auto pod = Pod::fromJson(in);
    ASSERT_TRUE(pod.isOk()) << pod.status().message();
    EXPECT_EQ(pod->metadata.controllerRef()->name, "web-5d");
    EXPECT_EQ(pod->spec.containers.at(0).livenessProbe->httpGet->port.stringValue(), "http");
    EXPECT_EQ(pod->spec.containers.at(0).resources.limits.at("memory").toString(), "128Mi");
    EXPECT_EQ(pod->status.podIPs, std::vector<std::string>{"10.244.1.5"});
    EXPECT_TRUE(isPodReady(*pod));
    EXPECT_EQ(pod->toJson(), in) << pod->toJson().dump(2);
}

TEST(TypedObjects, LenientDecoding) {
    auto pod = Pod::fromJson(Json::parse(R"({"metadata":{"name":"p","futureField":1},
        "spec":{"containers":[{"name":"c","image":"i","newThing":{}}], "nodeName": null}})"));
    ASSERT_TRUE(pod.isOk()) << pod.status().message();
    EXPECT_EQ(pod->metadata.name, "p");
    EXPECT_EQ(pod->spec.nodeName, "");
    EXPECT_FALSE(pod->spec.terminationGracePeriodSeconds.has_value());
    EXPECT_FALSE(isPodReady(*pod));
    // Only present fields are written back.
    EXPECT_EQ(pod->toJson().dump(), R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},)"
                                    R"("spec":{"containers":[{"image":"i","name":"c"}]}})");
}

TEST(TypedObjects, WrongTypesNameTheField) {
    auto bad = Pod::fromJson(Json::parse(R"({"spec":{"containers":[{"name":"a"},{"name":5}]}})"));
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.status().code(), StatusCode::BadRequest);
    EXPECT_EQ(bad.status().message(), "spec.containers[1].name: expected string, got number");

    auto q = Pod::fromJson(
        Json::parse(R"({"spec":{"containers":[{"resources":{"requests":{"cpu":"lots"}}}]}})"));
    ASSERT_FALSE(q.isOk());
    EXPECT_NE(q.status().message().find("spec.containers[0].resources.requests[cpu]: quantities"),
              std::string::npos)
        << q.status().message();

    EXPECT_FALSE(Deployment::fromJson(Json::parse(R"({"spec":{"replicas":"3"}})")).isOk());
    EXPECT_FALSE(Deployment::fromJson(Json::parse(R"({"spec":{"replicas":1.5}})")).isOk());
    EXPECT_FALSE(Node::fromJson(Json::array()).isOk());
    EXPECT_EQ(Pod::fromJson(Json::parse(R"({"metadata":[]})")).status().message(),
              "metadata: expected object, got array");
}

Taint taint(std::string key, std::string value, std::string effect) {
    return Taint{std::move(key), std::move(value), std::move(effect), ""};
}

TEST(Toleration, KubernetesRules) {
    struct Case {
        Toleration toleration;
        Taint taint;
        bool tolerated;
    };
    const Case cases[] = {
        {{"k", "Equal", "v", "NoSchedule", {}}, taint("k", "v", "NoSchedule"), true},
        {{"k", "", "v", "NoSchedule", {}}, taint("k", "v", "NoSchedule"), true},
        {{"k", "Equal", "v", "NoSchedule", {}}, taint("k", "w", "NoSchedule"), false},
        {{"k", "Equal", "v", "NoSchedule", {}}, taint("k", "v", "NoExecute"), false},
        {{"k", "Equal", "v", "", {}}, taint("k", "v", "NoExecute"), true},
        {{"k", "Exists", "", "", {}}, taint("k", "anything", "PreferNoSchedule"), true},
        {{"k", "Exists", "", "NoSchedule", {}}, taint("other", "", "NoSchedule"), false},
        {{"", "Exists", "", "", {}}, taint("any", "thing", "NoExecute"), true},
        {{"", "Exists", "", "NoExecute", {}}, taint("any", "thing", "NoSchedule"), false},
        {{"k", "Gt", "1", "", {}}, taint("k", "2", "NoSchedule"), false},
    };
    for (size_t i = 0; i < std::size(cases); ++i)
        EXPECT_EQ(cases[i].toleration.tolerates(cases[i].taint), cases[i].tolerated)
            << "case " << i;
    EXPECT_TRUE(
        toleratesTaint({cases[2].toleration, cases[7].toleration}, taint("x", "", "NoSchedule")));
    EXPECT_FALSE(toleratesTaint({}, taint("x", "", "NoSchedule")));
}

TEST(PodRequests, SumOfContainersMaxWithInitPlusOverhead) {
    auto pod = Pod::fromJson(Json::parse(kPod));
    ASSERT_TRUE(pod.isOk());
    auto requests = podRequests(pod->spec);
    // cpu: containers 250m+250m = 500m, init 1 -> 1; memory: 128Mi vs init 64Mi -> 128Mi.
    EXPECT_EQ(requests.at("cpu").toString(), "1");
    EXPECT_EQ(requests.at("memory").toString(), "128Mi");

    PodSpec spec = pod->spec;
    spec.initContainers.clear();
    spec.overhead["cpu"] = *Quantity::parse("100m");
    spec.overhead["pods"] = *Quantity::parse("1");
    requests = podRequests(spec);
    EXPECT_EQ(requests.at("cpu").toString(), "600m");
    EXPECT_EQ(requests.at("pods").toString(), "1");
    EXPECT_TRUE(podRequests(PodSpec{}).empty());
}

TEST(IntOrStringTest, ResolvesPercentages) {
    EXPECT_EQ(IntOrString::fromInt(2).resolve(10, true), 2);
    EXPECT_EQ(IntOrString::fromString("25%").resolve(10, true), 3);
    EXPECT_EQ(IntOrString::fromString("25%").resolve(10, false), 2);
    EXPECT_EQ(IntOrString::fromString("100%").resolve(7, false), 7);
    EXPECT_EQ(IntOrString::fromString("0%").resolve(7, true), 0);
    EXPECT_EQ(IntOrString::fromString("50%").resolve(0, true), 0);
    EXPECT_FALSE(IntOrString::fromString("25").tryResolve(10, true).isOk());
    EXPECT_FALSE(IntOrString::fromString("x%").tryResolve(10, true).isOk());
    EXPECT_EQ(IntOrString::fromString("abc").resolve(10, true), 0);
    EXPECT_EQ(IntOrString::fromJson(Json("30%"))->toJson(), Json("30%"));
    EXPECT_EQ(IntOrString::fromJson(Json(5))->toJson(), Json(5));
    EXPECT_FALSE(IntOrString::fromJson(Json(true)).isOk());
    EXPECT_FALSE(IntOrString::fromJson(Json(1e12)).isOk());
}

TEST(NodeAffinityMatching, TermsAndFields) {
    auto pod = Pod::fromJson(Json::parse(kPod));
    ASSERT_TRUE(pod.isOk());
    const NodeSelector &required =
        *pod->spec.affinity->nodeAffinity->requiredDuringSchedulingIgnoredDuringExecution;
    EXPECT_TRUE(required.matches({{"topology.kubernetes.io/zone", "antarctica-west1"}}, "n"));
    EXPECT_FALSE(required.matches({{"topology.kubernetes.io/zone", "europe"}}, "n"));
    EXPECT_FALSE(required.matches({}, "n"));

    NodeSelectorTerm byName;
    byName.matchFields.push_back({"metadata.name", "In", {"node-1"}});
    byName.matchExpressions.push_back({"gpus", "Gt", {"1"}});
    EXPECT_TRUE(byName.matches({{"gpus", "2"}}, "node-1"));
    EXPECT_FALSE(byName.matches({{"gpus", "1"}}, "node-1"));
    EXPECT_FALSE(byName.matches({{"gpus", "2"}}, "node-2"));
    EXPECT_FALSE(NodeSelectorTerm{}.matches({}, "node-1"));
    EXPECT_TRUE(NodeSelectorRequirement({"a", "DoesNotExist", {}}).matches({}));
    EXPECT_TRUE(NodeSelectorRequirement({"a", "NotIn", {"x"}}).matches({}));
}

TEST(TypedObjects, NodeAndReplicaSet) {
    Json nodeJson = Json::parse(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1",
        "labels":{"kubernetes.io/hostname":"node-1"}},
        "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"],"unschedulable":true,
                "taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule"}]},
        "status":{"capacity":{"cpu":"4","memory":"8Gi","pods":"110"},
                  "allocatable":{"cpu":"3800m","memory":"7Gi","pods":"110"},
                  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
                                 "lastHeartbeatTime":"2026-01-01T00:00:00Z"}],
                  "addresses":[{"type":"InternalIP","address":"192.168.1.10"}],
                  "nodeInfo":{"kubeletVersion":"cox-0.1","architecture":"amd64"}}})");
    auto node = Node::fromJson(nodeJson);
    ASSERT_TRUE(node.isOk()) << node.status().message();
    EXPECT_TRUE(node->isReady());
    EXPECT_EQ(node->status.allocatable.at("cpu").milliValue(), 3800);
    EXPECT_EQ(node->toJson(), nodeJson) << node->toJson().dump(2);

    Json rsJson = Json::parse(R"({"apiVersion":"apps/v1","kind":"ReplicaSet",
        "metadata":{"name":"web-5d","namespace":"default","generation":2},
        "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[]}}},
        "status":{"replicas":0,"observedGeneration":2}})");
    auto rs = ReplicaSet::fromJson(rsJson);
    ASSERT_TRUE(rs.isOk()) << rs.status().message();
    EXPECT_EQ(rs->spec.replicas, 0); // explicit zero survives (nil would mean 1)
    EXPECT_EQ(rs->toJson(), rsJson) << rs->toJson().dump(2);
}

} // namespace
} // namespace cox::model
