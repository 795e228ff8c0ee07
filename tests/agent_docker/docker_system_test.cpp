// The real coxswain-agent with --runtime docker (DOCKER_HOST at a private dockerd) against an
// in-process control plane, with the pod spec the runc system tests use: Docker pulls the
// busybox image from the loopback registry, the pod gets an IP in the node's pod CIDR, its
// second container reaches the first on localhost, `kubectl logs` shows its output, a crashing
// container restarts with restartCount rising, deleting the pod removes its containers, and a
// restarted agent adopts a running pod (same container, same process, no restart).
#include "docker_daemon.h"
#include "real_node_test.h"
#include "runtime/runtime.h"

#include <gtest/gtest.h>

#include <csignal>

namespace cox::agent::testing {
namespace {

using cox::testing::runCommand;
using cox::testing::waitUntil;
using namespace std::chrono_literals;

Json container(const std::string &name, const std::string &image, const std::string &script) {
    return {{"name", name},
            {"image", image},
            {"command", {"sh", "-c", script}},
            {"resources", {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}}}}};
}

Json podJson(const std::string &name, const Json &containers) {
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", name}}}}},
            {"spec", {{"terminationGracePeriodSeconds", 1}, {"containers", containers}}}};
}

class DockerSystemTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (std::string missing = missingPrerequisite(); !missing.empty())
            GTEST_SKIP() << "docker system tests " << missing;
        if (std::string missing = DockerDaemon::missingPrerequisite(); !missing.empty())
            GTEST_SKIP() << "docker system tests " << missing;
        ASSERT_EQ(m_daemon.start(), "");
        m_env = std::make_unique<SystemEnv>();
        m_env->setRuntime("docker", {{"DOCKER_HOST", m_daemon.host()}});
        ASSERT_EQ(m_env->start(), "");
        ASSERT_EQ(m_env->startAgent(), "");
        ASSERT_TRUE(waitUntil([&] { return m_env->nodeReady() && !m_env->podCidr().empty(); }, 90s))
            << m_env->agentLog();
        m_cidr = m_env->podCidr();
    }
    void TearDown() override {
        m_env.reset(); // the agent first, then the daemon and every container it ran
        m_daemon.stop();
        removePodMasquerade(m_cidr);
    }
    Json waitRunning(const std::string &name) {
        Json pod;
        EXPECT_TRUE(waitUntil(
            [&] {
                auto current = m_env->pod(name);
                return current && podRunning(pod = *current);
            },
            120s))
            << pod.dump() << m_env->agentLog();
        return pod;
    }
    Json containerStatus(const std::string &pod, const std::string &container) {
        auto current = m_env->pod(pod);
        if (!current)
            return Json::object();
        for (const auto &s : (*current)["status"].value("containerStatuses", Json::array()))
            if (s.value("name", "") == container)
                return s;
        return Json::object();
    }
    // The host pid of "docker://<id>", -1 when it is not running.
    pid_t pidOf(const std::string &containerId) {
        std::string id = containerId.substr(containerId.find("://") + 3);
        auto out = m_daemon.docker({"inspect", "-f", "{{.State.Pid}}", id}, 20s);
        int pid = out.exitCode == 0 ? std::atoi(out.out.c_str()) : -1;
        return pid > 0 ? pid : -1;
    }
    std::string dockerContainersOf(const std::string &podUid) {
        return m_daemon
            .docker({"ps", "-aq", "--filter", std::string("label=") + kLabelPodUid + "=" + podUid},
                    20s)
            .out;
    }
    cox::testing::CommandResult kubectl(std::vector<std::string> args) {
        args.insert(args.begin(), {"kubectl", "--kubeconfig", m_env->kubeconfig()});
        return runCommand(args, {}, 30s);
    }

    DockerDaemon m_daemon;
    std::unique_ptr<SystemEnv> m_env;
    std::string m_cidr;
};

TEST_F(DockerSystemTest, PodRunsInTheCidrSharesLocalhostLogsAndIsRemoved) {
    Json containers = {
        container("server", m_env->image(),
                  "mkdir -p /www && echo hello-from-server > /www/index.html && "
                  "exec busybox httpd -f -p 8080 -h /www"),
        container("client", m_env->image(),
                  "trap 'exit 0' TERM; while true; do busybox wget -qO- http://127.0.0.1:8080/ "
                  "|| echo no-answer; busybox sleep 1; done")};
    ASSERT_TRUE(m_env->createPod(podJson("web", containers)));
    Json pod = waitRunning("web");
    EXPECT_TRUE(ipInCidr(podIp(pod), m_cidr)) << podIp(pod) << " not in " << m_cidr;
    std::string uid = pod["metadata"].value("uid", "");
    Json server = containerStatus("web", "server");
    EXPECT_EQ(server.value("containerID", "").rfind("docker://", 0), 0u) << server.dump();
    EXPECT_EQ(server.value("imageID", "").find("sha256:") != std::string::npos, true)
        << server.dump();
    auto node = m_env->admin().get("/api/v1/nodes/" + m_env->nodeName());
    ASSERT_TRUE(node);
    EXPECT_EQ(
        (*node)["status"]["nodeInfo"].value("containerRuntimeVersion", "").rfind("docker://20.", 0),
        0u);

    // The client reaches the server on localhost; kubectl logs (through the API server and the
    // agent's log server) shows it.
    bool kubectlPresent = runCommand({"kubectl", "version", "--client"}, {}, 20s).exitCode == 0;
    if (kubectlPresent) {
        EXPECT_TRUE(waitUntil(
            [&] {
                return kubectl({"logs", "web", "-c", "client"}).out.find("hello-from-server") !=
                       std::string::npos;
            },
            60s))
            << kubectl({"logs", "web", "-c", "client"}).err << m_env->agentLog();
    }

    // Deleting the pod removes its containers and the pause.
    EXPECT_NE(dockerContainersOf(uid), "");
    ASSERT_TRUE(m_env->deletePod("web"));
    EXPECT_TRUE(
        waitUntil([&] { return m_env->pod("web").status().code() == StatusCode::NotFound; }, 60s))
        << m_env->agentLog();
    EXPECT_TRUE(waitUntil([&] { return dockerContainersOf(uid).empty(); }, 60s))
        << dockerContainersOf(uid);
    if (!kubectlPresent)
        GTEST_SKIP() << "kubectl logs not checked: needs kubectl";
}

TEST_F(DockerSystemTest, CrashingContainerRestartsWithRestartCountRising) {
    ASSERT_TRUE(
        m_env->createPod(podJson("crasher", Json::array({container("app", m_env->image(),
                                                                   "echo boom; busybox sleep 1; "
                                                                   "exit 3")}))));
    Json status;
    ASSERT_TRUE(waitUntil(
        [&] { return (status = containerStatus("crasher", "app")).value("restartCount", 0) >= 2; },
        180s))
        << status.dump() << m_env->agentLog();
    const Json &last = status["lastState"]["terminated"];
    EXPECT_EQ(last.value("exitCode", 0), 3) << status.dump();
    EXPECT_EQ(last.value("reason", ""), "Error") << status.dump();
}

TEST_F(DockerSystemTest, RestartedAgentAdoptsTheRunningPod) {
    ASSERT_TRUE(m_env->createPod(podJson(
        "steady",
        Json::array({container("app", m_env->image(),
                               "trap 'exit 0' TERM; while true; do echo tick; busybox sleep 1; "
                               "done")}))));
    waitRunning("steady");
    const Json before = containerStatus("steady", "app");
    const pid_t pid = pidOf(before.value("containerID", ""));
    ASSERT_GT(pid, 0);

    m_env->stopAgent(SIGKILL);
    EXPECT_TRUE(processAlive(pid)) << "the container died with the agent";
    ASSERT_EQ(m_env->startAgent(), "");
    EXPECT_TRUE(waitUntil(
        [&] {
            return m_env->agentLog().find("adopted running pod default/steady") !=
                   std::string::npos;
        },
        90s))
        << m_env->agentLog();
    ASSERT_TRUE(waitUntil([&] { return m_env->nodeReady(); }, 60s)) << m_env->agentLog();
    const Json after = containerStatus("steady", "app");
    EXPECT_EQ(after.value("containerID", ""), before.value("containerID", "-"));
    EXPECT_EQ(after.value("restartCount", -1), 0);
    EXPECT_EQ(pidOf(after.value("containerID", "")), pid);
    EXPECT_TRUE(processAlive(pid));
}

} // namespace
} // namespace cox::agent::testing
