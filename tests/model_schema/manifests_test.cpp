// Manifests from the Kubernetes documentation (converted from YAML) must pass the whole
// admission path: strict decoding, schema check, defaulting and validation.
#include "model/defaults.h"
#include "model/object_validation.h"
#include "model/schema_check.h"
#include "model/strict_json.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

void expectAdmitted(const std::string &text) {
    std::vector<std::string> duplicates;
    auto parsed = parseJsonStrict(text, &duplicates);
    ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
    EXPECT_TRUE(duplicates.empty());
    Json obj = std::move(parsed.value());
    const ResourceType *t =
        findKind(obj["apiVersion"].get<std::string>(), obj["kind"].get<std::string>());
    ASSERT_NE(t, nullptr);
    for (const auto &issue : checkSchema(*t->schema, obj))
        ADD_FAILURE() << issue.message;
    if (t->namespaced && !obj["metadata"].contains("namespace"))
        obj["metadata"]["namespace"] = "default";
    applyDefaults(*t, obj);
    for (const auto &issue : checkSchema(*t->schema, obj))
        ADD_FAILURE() << "after defaults: " << issue.message;
    for (const auto &e : validateObject(*t, obj))
        ADD_FAILURE() << e.toString();
}

TEST(Manifests, NginxDeploymentFromTheDocs) {
    expectAdmitted(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":
        "nginx-deployment","labels":{"app":"nginx"}},"spec":{"replicas":3,"selector":
        {"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},
        "spec":{"containers":[{"name":"nginx","image":"nginx:1.14.2","ports":
        [{"containerPort":80}]}]}}}})");
}

TEST(Manifests, ServiceFromTheDocs) {
    expectAdmitted(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"my-service"},
        "spec":{"selector":{"app.kubernetes.io/name":"MyApp"},"ports":[{"name":"http",
        "protocol":"TCP","port":80,"targetPort":9376},{"name":"https","protocol":"TCP",
        "port":443,"targetPort":"https"}]}})");
    expectAdmitted(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"my-np"},
        "spec":{"type":"NodePort","selector":{"app":"MyApp"},"ports":[{"port":80,
        "targetPort":80,"nodePort":30007}]}})");
}

TEST(Manifests, PodWithProbesVolumesAffinity) {
    expectAdmitted(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"full",
      "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
      "spec":{
        "securityContext":{"runAsUser":1000,"runAsGroup":3000,"fsGroup":2000,
          "seccompProfile":{"type":"RuntimeDefault"}},
        "initContainers":[{"name":"init","image":"busybox:1.28","command":["sh","-c","true"]}],
        "containers":[{"name":"app","image":"registry.k8s.io/goproxy:0.1",
          "args":["--port","8080"],
          "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                 {"name":"MEM","valueFrom":{"resourceFieldRef":{"containerName":"app",
                  "resource":"limits.memory","divisor":"1Mi"}}},
                 {"name":"LEVEL","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"level"}}}],
          "envFrom":[{"secretRef":{"name":"creds"}}],
          "ports":[{"containerPort":8080,"name":"http"}],
          "readinessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":15,"periodSeconds":10},
          "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","httpHeaders":[{"name":
            "Custom-Header","value":"Awesome"}]},"initialDelaySeconds":3},
          "startupProbe":{"grpc":{"port":2379},"failureThreshold":30},
          "lifecycle":{"preStop":{"exec":{"command":["/bin/sh","-c","sleep 5"]}}},
          "resources":{"requests":{"memory":"64Mi","cpu":"250m"},"limits":{"memory":"128Mi",
            "cpu":"500m"}},
          "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}},
          "volumeMounts":[{"name":"cache","mountPath":"/cache"},{"name":"config",
            "mountPath":"/etc/config","readOnly":true},{"name":"all","mountPath":"/projected"},
            {"name":"podinfo","mountPath":"/etc/podinfo"},{"name":"host","mountPath":"/host"},
            {"name":"claim","mountPath":"/claim"},{"name":"secret","mountPath":"/secret"}]}],
        "volumes":[{"name":"cache","emptyDir":{"sizeLimit":"500Mi"}},
          {"name":"config","configMap":{"name":"log-config","items":[{"key":"log_level",
            "path":"log_level.conf"}]}},
          {"name":"secret","secret":{"secretName":"mysecret","defaultMode":256}},
          {"name":"host","hostPath":{"path":"/var/log","type":"Directory"}},
          {"name":"claim","persistentVolumeClaim":{"claimName":"myclaim"}},
          {"name":"podinfo","downwardAPI":{"items":[{"path":"labels","fieldRef":{"fieldPath":
            "metadata.labels"}}]}},
          {"name":"all","projected":{"sources":[{"secret":{"name":"mysecret","items":[{"key":
            "username","path":"my-group/my-username"}]}},{"serviceAccountToken":{"audience":
            "api","expirationSeconds":3600,"path":"token"}}]}}],
        "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":
          {"nodeSelectorTerms":[{"matchExpressions":[{"key":"topology.kubernetes.io/zone",
          "operator":"In","values":["antarctica-east1"]}]}]},
          "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":
          {"matchExpressions":[{"key":"another-node-label-key","operator":"In","values":
          ["another-node-label-value"]}]}}]},
          "podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
          "podAffinityTerm":{"labelSelector":{"matchExpressions":[{"key":"security",
          "operator":"In","values":["S2"]}]},"topologyKey":"topology.kubernetes.io/zone"}}]}},
        "tolerations":[{"key":"example-key","operator":"Exists","effect":"NoSchedule"},
          {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute",
          "tolerationSeconds":6000}],
        "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"zone","whenUnsatisfiable":
          "DoNotSchedule","labelSelector":{"matchLabels":{"foo":"bar"}}}],
        "imagePullSecrets":[{"name":"regcred"}],
        "dnsPolicy":"None","dnsConfig":{"nameservers":["192.0.2.1"],"searches":
          ["ns1.svc.cluster-domain.example"],"options":[{"name":"ndots","value":"2"}]},
        "hostAliases":[{"ip":"127.0.0.1","hostnames":["foo.local","bar.local"]}],
        "nodeSelector":{"disktype":"ssd"},"priorityClassName":"high"}})");
}

TEST(Manifests, OtherKinds) {
    expectAdmitted(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"game-demo"},
        "data":{"player_initial_lives":"3","game.properties":"enemy.types=aliens\n"}})");
    expectAdmitted(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"secret-basic-auth"},
        "type":"kubernetes.io/basic-auth","stringData":{"username":"admin","password":"t0p"}})");
    expectAdmitted(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"development",
        "labels":{"name":"development"}}})");
    expectAdmitted(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
        "metadata":{"name":"php-apache"},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1",
        "kind":"Deployment","name":"php-apache"},"minReplicas":1,"maxReplicas":10,"metrics":
        [{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization",
        "averageUtilization":50}}}]}})");
    expectAdmitted(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":
        {"name":"node-1","namespace":"kube-node-lease"},"spec":{"holderIdentity":"node-1",
        "leaseDurationSeconds":40,"renewTime":"2024-01-01T00:00:00.000000Z"}})");
    expectAdmitted(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","labels":
        {"kubernetes.io/hostname":"node-1"}},"spec":{"podCIDR":"10.42.1.0/24","taints":[{"key":
        "node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]},"status":{"capacity":
        {"cpu":"2","memory":"4Gi","pods":"110"},"addresses":[{"type":"InternalIP","address":
        "10.0.0.5"}],"conditions":[{"type":"Ready","status":"True"}]}})");
}

} // namespace
} // namespace cox::model
