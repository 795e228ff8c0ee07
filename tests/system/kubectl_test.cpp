// System test: the real coxswain-master process driven by the preinstalled kubectl.
#include "manifests.h"
#include "master_fixture.h"

#include <gtest/gtest.h>

#include <csignal>
#include <regex>

namespace cox::testing {
namespace {

class KubectlTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_master.start()) << m_master.log(); }

    // Runs kubectl and expects success; returns stdout.
    std::string ok(const std::vector<std::string> &args, const std::string &input = {}) {
        const auto r = m_master.kubectl(args, input);
        EXPECT_EQ(r.exitCode, 0) << "kubectl " << join(args) << "\nstdout: " << r.out
                                 << "\nstderr: " << r.err;
        return r.out;
    }

    std::string jsonpath(const std::vector<std::string> &target, const std::string &path) {
        auto args = target;
        args.push_back("-o");
        args.push_back("jsonpath=" + path);
        return ok(args);
    }

    static std::string join(const std::vector<std::string> &args) {
        std::string out;
        for (const auto &a : args)
            out += a + " ";
        return out;
    }

    MasterProcess m_master;
};

TEST_F(KubectlTest, GetsBuiltInObjectsInEveryOutputFormat) {
    EXPECT_NE(ok({"get", "namespaces"}).find("kube-system"), std::string::npos);
    const std::string services = ok({"get", "services"});
    EXPECT_NE(services.find("kubernetes"), std::string::npos);
    EXPECT_NE(services.find("CLUSTER-IP"), std::string::npos);
    EXPECT_NE(services.find("10.43.0.1"), std::string::npos);
    const auto nodes = m_master.kubectl({"get", "nodes"});
    EXPECT_EQ(nodes.exitCode, 0) << nodes.err;
    EXPECT_NE(nodes.err.find("No resources found"), std::string::npos);
    ok({"get", "pods", "-A"});
    ok({"get", "deployments", "-o", "wide"});
    EXPECT_NE(ok({"get", "svc", "kubernetes", "-o", "yaml"}).find("kind: Service"),
              std::string::npos);
}

TEST_F(KubectlTest, ApplyCreatesThenPatchesWithoutRecreating) {
    EXPECT_NE(
        ok({"apply", "-f", "-"}, kNginxDeployment).find("deployment.apps/nginx-deployment created"),
        std::string::npos);
    EXPECT_NE(ok({"apply", "-f", "-"}, kNginxService).find("service/my-service created"),
              std::string::npos);
    const std::string uid = jsonpath({"get", "deployment", "nginx-deployment"}, "{.metadata.uid}");
    ASSERT_FALSE(uid.empty());
    EXPECT_EQ(jsonpath({"get", "deployment", "nginx-deployment"}, "{.metadata.generation}"), "1");

    std::string changed = kNginxDeployment;
    changed.replace(changed.find("nginx:1.14.2"), 12, "nginx:1.16.1");
    EXPECT_NE(ok({"apply", "-f", "-"}, changed).find("configured"), std::string::npos);
    EXPECT_EQ(jsonpath({"get", "deployment", "nginx-deployment"}, "{.metadata.uid}"), uid);
    EXPECT_EQ(jsonpath({"get", "deployment", "nginx-deployment"},
                       "{.spec.template.spec.containers[0].image}"),
              "nginx:1.16.1");
    EXPECT_EQ(jsonpath({"get", "deployment", "nginx-deployment"}, "{.metadata.generation}"), "2");
    // Applying the same manifest again changes nothing.
    EXPECT_NE(ok({"apply", "-f", "-"}, changed).find("unchanged"), std::string::npos);

    const std::string ip = jsonpath({"get", "service", "my-service"}, "{.spec.clusterIP}");
    EXPECT_TRUE(std::regex_match(ip, std::regex(R"(10\.43\.\d+\.\d+)"))) << ip;
}

TEST_F(KubectlTest, StrictValidationNamesTheUnknownField) {
    std::string bad = kNginxDeployment;
    bad.replace(bad.find("image:"), 6, "imagee:");
    const auto r = m_master.kubectl({"apply", "-f", "-"}, bad);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("imagee"), std::string::npos) << r.err;
}

// kubectl's imperative `create` commands send their objects as Kubernetes protobuf.
TEST_F(KubectlTest, CreateCommandsSendProtobufAndMakeTheObjects) {
    EXPECT_NE(ok({"create", "namespace", "team-a"}).find("created"), std::string::npos);
    ok({"create", "configmap", "settings", "-n", "team-a", "--from-literal=mode=fast",
        "--from-literal=empty="});
    EXPECT_EQ(jsonpath({"get", "configmap", "settings", "-n", "team-a"}, "{.data}"),
              R"({"empty":"","mode":"fast"})");
    ok({"create", "secret", "generic", "creds", "--from-literal=password=s3cr3t"});
    EXPECT_EQ(jsonpath({"get", "secret", "creds"}, "{.data.password}"), "czNjcjN0");
    ok({"create", "service", "nodeport", "web", "--tcp=80:8080"});
    EXPECT_EQ(jsonpath({"get", "service", "web"},
                       "{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort}"),
              "NodePort 80 8080");
    EXPECT_NE(jsonpath({"get", "service", "web"}, "{.spec.ports[0].nodePort}"), "");

    ok({"create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=80"});
    EXPECT_EQ(jsonpath({"get", "deployment", "web"},
                       "{.spec.replicas} {.spec.selector.matchLabels.app} "
                       "{.spec.template.spec.containers[0].image} "
                       "{.spec.template.spec.containers[0].ports[0].containerPort}"),
              "3 web nginx:1.27 80");
    // Zero replicas is a pointer in Go: it must stay 0, not default to 1.
    ok({"create", "deployment", "idle", "--image=nginx:1.27", "--replicas=0"});
    EXPECT_EQ(jsonpath({"get", "deployment", "idle"}, "{.spec.replicas}"), "0");
    ok({"create", "deployment", "sleeper", "--image=busybox", "--", "sleep", "3600"});
    EXPECT_EQ(
        jsonpath({"get", "deployment", "sleeper"}, "{.spec.template.spec.containers[0].command}"),
        R"(["sleep","3600"])");
}

TEST_F(KubectlTest, AuthCanIAndWhoAmI) {
    EXPECT_EQ(ok({"auth", "can-i", "create", "deployments"}), "yes\n");
    EXPECT_EQ(ok({"auth", "can-i", "delete", "nodes", "--all-namespaces"}), "yes\n");
    const std::string whoami = ok({"auth", "whoami"});
    EXPECT_NE(whoami.find("system:masters"), std::string::npos) << whoami;
}

TEST_F(KubectlTest, ScaleAndDescribe) {
    ok({"apply", "-f", "-"}, kNginxDeployment);
    EXPECT_NE(ok({"scale", "deployment/nginx-deployment", "--replicas=5"}).find("scaled"),
              std::string::npos);
    EXPECT_EQ(jsonpath({"get", "deployment", "nginx-deployment"}, "{.spec.replicas}"), "5");
    const std::string described = ok({"describe", "deployment", "nginx-deployment"});
    EXPECT_NE(described.find("Replicas:"), std::string::npos);
    EXPECT_NE(described.find("nginx:1.14.2"), std::string::npos);
}

TEST_F(KubectlTest, WatchSeesChangesAndDeleteReturnsWhenGone) {
    ChildProcess watcher;
    const std::string watchLog = m_master.dir() + "/watch.log";
    ASSERT_TRUE(m_master.startKubectl(watcher, {"get", "pods", "-w"}, watchLog));
    ok({"apply", "-f", "-"}, kBarePod);
    EXPECT_TRUE(waitUntil([&] { return readFile(watchLog).find("lonely") != std::string::npos; },
                          std::chrono::seconds(20)))
        << readFile(watchLog);
    EXPECT_NE(ok({"delete", "pod", "lonely", "--timeout=30s"}).find("deleted"), std::string::npos);
    const auto gone = m_master.kubectl({"get", "pod", "lonely"});
    EXPECT_NE(gone.exitCode, 0);
    EXPECT_NE(gone.err.find("NotFound"), std::string::npos) << gone.err;
}

TEST_F(KubectlTest, CordonAndUncordonANode) {
    ok({"create", "-f", "-"}, kNode);
    EXPECT_NE(ok({"cordon", "worker-1"}).find("cordoned"), std::string::npos);
    EXPECT_EQ(jsonpath({"get", "node", "worker-1"}, "{.spec.unschedulable}"), "true");
    EXPECT_NE(ok({"get", "nodes"}).find("SchedulingDisabled"), std::string::npos);
    EXPECT_NE(ok({"uncordon", "worker-1"}).find("uncordoned"), std::string::npos);
    EXPECT_EQ(jsonpath({"get", "node", "worker-1"}, "{.spec.unschedulable}"), "");
}

TEST_F(KubectlTest, ControllersAndSchedulerPlaceDeploymentPods) {
    ok({"create", "-f", "-"}, kNode);
    ok({"apply", "-f", "-"}, kNginxDeployment);
    // The deployment controller makes a ReplicaSet, the ReplicaSet controller makes 3 pods, the
    // scheduler binds each to the only node (there is no agent here, so they stay Pending).
    EXPECT_TRUE(waitUntil(
        [&] {
            return jsonpath({"get", "pods", "-l", "app=nginx"}, "{.items[*].spec.nodeName}") ==
                   "worker-1 worker-1 worker-1";
        },
        std::chrono::seconds(30)))
        << ok({"get", "pods", "-o", "wide"}) << m_master.log();
    EXPECT_NE(ok({"get", "replicasets"}).find("nginx-deployment-"), std::string::npos);
    EXPECT_NE(ok({"get", "events"}).find("Successfully assigned default/nginx-deployment-"),
              std::string::npos);
}

TEST_F(KubectlTest, RolloutStatusCompletes) {
    ok({"apply", "-f", "-"}, kEmptyDeployment);
    const auto r = m_master.kubectl({"rollout", "status", "deployment/idle", "--timeout=30s"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("successfully rolled out"), std::string::npos) << r.out;
}

TEST_F(KubectlTest, RolloutUndoRestoresThePreviousTemplate) {
    ok({"apply", "-f", "-"}, kEmptyDeployment);
    ok({"rollout", "status", "deployment/idle", "--timeout=30s"});
    ok({"set", "image", "deployment/idle", "main=busybox:1.37"});
    ok({"rollout", "status", "deployment/idle", "--timeout=30s"});
    EXPECT_EQ(jsonpath({"get", "deployment", "idle"},
                       "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}"),
              "2");
    std::string history = ok({"rollout", "history", "deployment/idle"});
    EXPECT_NE(history.find("1 "), std::string::npos) << history;
    EXPECT_NE(history.find("2 "), std::string::npos) << history;
    EXPECT_NE(ok({"rollout", "undo", "deployment/idle"}).find("rolled back"), std::string::npos);
    ok({"rollout", "status", "deployment/idle", "--timeout=30s"});
    EXPECT_EQ(jsonpath({"get", "deployment", "idle"}, "{.spec.template.spec.containers[0].image}"),
              "busybox:1.36");
    EXPECT_EQ(jsonpath({"get", "deployment", "idle"},
                       "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}"),
              "3");
}

TEST_F(KubectlTest, DrainEvictsPodsOntoTheOtherNode) {
    // Two hollow nodes from the real agent binary, joined with the master's join token.
    ChildProcess agent;
    std::string token = readFile(m_master.dir() + "/data/join-token");
    while (!token.empty() && (token.back() == '\n' || token.back() == ' '))
        token.pop_back();
    ASSERT_TRUE(agent.start({COX_AGENT_BIN, "--server",
                             "https://127.0.0.1:" + std::to_string(m_master.port()), "--token",
                             token, "--node-name", "hollow", "--data-dir",
                             m_master.dir() + "/agent", "--hollow", "2"},
                            {}, m_master.dir() + "/agent.log"));
    ASSERT_TRUE(waitUntil(
        [&] {
            return ok({"get", "nodes", "-o", "name"}).find("node/hollow-1") != std::string::npos;
        },
        std::chrono::seconds(60)))
        << readFile(m_master.dir() + "/agent.log");
    ok({"apply", "-f", "-"}, kNginxDeployment);
    auto running = [&] {
        return jsonpath({"get", "pods", "-l", "app=nginx"}, "{.items[*].status.phase}") ==
               "Running Running Running";
    };
    ASSERT_TRUE(waitUntil(running, std::chrono::seconds(60))) << ok({"get", "pods", "-o", "wide"});
    const auto r = m_master.kubectl(
        {"drain", "hollow-0", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=90s"}, {},
        std::chrono::seconds(120));
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("drained"), std::string::npos) << r.out << r.err;
    EXPECT_EQ(jsonpath({"get", "node", "hollow-0"}, "{.spec.unschedulable}"), "true");
    EXPECT_TRUE(waitUntil(
        [&] {
            return running() &&
                   jsonpath({"get", "pods", "-l", "app=nginx"}, "{.items[*].spec.nodeName}") ==
                       "hollow-1 hollow-1 hollow-1";
        },
        std::chrono::seconds(60)))
        << ok({"get", "pods", "-o", "wide"});
    agent.stop(SIGTERM);
}

TEST_F(KubectlTest, RestartKeepsEverything) {
    ok({"apply", "-f", "-"}, kNginxDeployment);
    ok({"apply", "-f", "-"}, kNginxService);
    const std::string uid = jsonpath({"get", "deployment", "nginx-deployment"}, "{.metadata.uid}");
    const std::string ip = jsonpath({"get", "service", "my-service"}, "{.spec.clusterIP}");
    const std::string kubeconfigBefore = readFile(m_master.kubeconfig());
    EXPECT_EQ(m_master.stop(), 0) << m_master.log();
    ASSERT_TRUE(m_master.start()) << m_master.log();
    EXPECT_EQ(readFile(m_master.kubeconfig()), kubeconfigBefore); // same CA, same token
    EXPECT_EQ(jsonpath({"get", "deployment", "nginx-deployment"}, "{.metadata.uid}"), uid);
    EXPECT_EQ(jsonpath({"get", "service", "my-service"}, "{.spec.clusterIP}"), ip);
}

const std::string kV1Hpa = R"(apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 40
)";

TEST_F(KubectlTest, AutoscaleCreatesAnHpaServedInBothVersions) {
    ok({"create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"});
    // kubectl autoscale posts autoscaling/v1; the object is stored as autoscaling/v2.
    EXPECT_NE(ok({"autoscale", "deployment", "web", "--min=1", "--max=5", "--cpu-percent=50"})
                  .find("autoscaled"),
              std::string::npos);
    const std::string hpa = ok({"get", "hpa", "web", "-o", "json"});
    EXPECT_NE(hpa.find("\"apiVersion\": \"autoscaling/v2\""), std::string::npos) << hpa;
    EXPECT_EQ(jsonpath({"get", "hpa", "web"},
                       "{.spec.metrics[0].resource.name} "
                       "{.spec.metrics[0].resource.target.averageUtilization} "
                       "{.spec.minReplicas} {.spec.maxReplicas} {.spec.scaleTargetRef.name}"),
              "cpu 50 1 5 web");
    EXPECT_EQ(jsonpath({"get", "horizontalpodautoscalers.v1.autoscaling", "web"},
                       "{.apiVersion} {.spec.targetCPUUtilizationPercentage}"),
              "autoscaling/v1 50");
    const std::string versions = ok({"api-versions"});
    EXPECT_NE(versions.find("autoscaling/v1\n"), std::string::npos) << versions;
    EXPECT_NE(versions.find("autoscaling/v2\n"), std::string::npos) << versions;
    EXPECT_NE(ok({"get", "hpa"}).find("Deployment/web"), std::string::npos);
    // The HPA controller reads the deployment's scale and writes the status.
    EXPECT_TRUE(waitUntil(
        [&] {
            return !jsonpath({"get", "hpa", "web"}, "{.status.currentReplicas}").empty();
        },
        std::chrono::seconds(30)))
        << ok({"get", "hpa", "web", "-o", "yaml"}) << m_master.log();
    // An autoscaling/v1 manifest passes kubectl's client-side validation and applies twice.
    ok({"apply", "-f", "-"}, kV1Hpa);
    EXPECT_NE(ok({"apply", "-f", "-"},
                 std::regex_replace(kV1Hpa, std::regex("maxReplicas: 3"), "maxReplicas: 4"))
                  .find("configured"),
              std::string::npos);
    EXPECT_EQ(jsonpath({"get", "hpa", "api"},
                       "{.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization}"),
              "4 40");
    EXPECT_NE(ok({"delete", "horizontalpodautoscalers.v1.autoscaling", "web"}).find("deleted"),
              std::string::npos);
}

TEST_F(KubectlTest, RefusesRequestsWithoutAValidToken) {
    const auto r =
        runCommand({"kubectl", "--server", "https://127.0.0.1:" + std::to_string(m_master.port()),
                    "--insecure-skip-tls-verify", "--token", "wrong", "get", "pods"},
                   {{"HOME", m_master.dir() + "/home"}, {"KUBECONFIG", "/dev/null"}});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("You must be logged in to the server"), std::string::npos) << r.err;
}

} // namespace
} // namespace cox::testing
