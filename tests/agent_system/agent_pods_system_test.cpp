// The real agent running pods the way users write them: a configMap volume read and kept current,
// `kubectl logs -f` following a container through the API server's proxy, a failing liveness probe
// restarting its container, a readiness probe gating Ready and the Service's endpoints, a pod that
// ignores SIGTERM killed after its grace period, and a control plane that is away for a minute
// without any pod being restarted.
#include "real_node_test.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace cox::agent::testing {
namespace {

using cox::testing::CommandResult;
using cox::testing::runCommand;
using cox::testing::waitUntil;
using namespace std::chrono_literals;

Json container(const std::string &image, const std::string &script) {
    return {{"name", "app"},
            {"image", image},
            {"command", {"sh", "-c", script}},
            {"resources", {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}}}}};
}

Json podJson(const std::string &name, const Json &spec) {
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", name}}}}},
            {"spec", spec}};
}

bool kubectlAvailable() {
    return runCommand({"kubectl", "version", "--client"}, {}, 20s).exitCode == 0;
}

class AgentPodsSystemTest : public RealNodeTest {
protected:
    CommandResult kubectl(std::vector<std::string> args, std::chrono::seconds timeout = 30s) {
        args.insert(args.begin(), {"kubectl", "--kubeconfig", m_env->kubeconfig()});
        return runCommand(args, {}, timeout);
    }
    Json status(const std::string &pod) {
        auto current = m_env->pod(pod);
        return current ? firstContainerStatus(*current) : Json();
    }
    bool podReady(const std::string &name) {
        auto current = m_env->pod(name);
        if (!current)
            return false;
        for (const auto &c : (*current)["status"].value("conditions", Json::array()))
            if (c.value("type", "") == "Ready")
                return c.value("status", "") == "True";
        return false;
    }
    void waitRunning(const std::string &name) {
        ASSERT_TRUE(waitUntil(
            [&] {
                auto current = m_env->pod(name);
                return current && podRunning(*current);
            },
            120s))
            << m_env->agentLog();
    }
};

TEST_F(AgentPodsSystemTest, ConfigMapVolumeIsReadAndKeptCurrent) {
    if (!kubectlAvailable())
        GTEST_SKIP() << "needs kubectl";
    Json cm = {{"apiVersion", "v1"},
               {"kind", "ConfigMap"},
               {"metadata", {{"name", "settings"}, {"namespace", "default"}}},
               {"data", {{"greeting", "hello"}}}};
    ASSERT_TRUE(m_env->admin().post("/api/v1/namespaces/default/configmaps", cm));
    Json spec = {
        {"terminationGracePeriodSeconds", 1},
        {"volumes", {{{"name", "cfg"}, {"configMap", {{"name", "settings"}}}}}},
        {"containers",
         {container(m_env->image(), "while true; do echo \"says $(cat /etc/cfg/greeting)\"; "
                                    "busybox sleep 1; done")}}};
    spec["containers"][0]["volumeMounts"] = {{{"name", "cfg"}, {"mountPath", "/etc/cfg"}}};
    ASSERT_TRUE(m_env->createPod(podJson("reader", spec)));
    waitRunning("reader");
    ASSERT_TRUE(waitUntil(
        [&] {
            return kubectl({"logs", "reader"}).out.find("says hello") != std::string::npos;
        },
        60s))
        << kubectl({"logs", "reader"}).err << m_env->agentLog();

    cm["data"]["greeting"] = "goodbye";
    ASSERT_TRUE(m_env->admin().put("/api/v1/namespaces/default/configmaps/settings", cm));
    EXPECT_TRUE(waitUntil(
        [&] {
            return kubectl({"logs", "reader"}).out.find("says goodbye") != std::string::npos;
        },
        60s))
        << kubectl({"logs", "reader", "--tail=5"}).out;
    // Updating the file did not restart the container.
    EXPECT_EQ(status("reader").value("restartCount", -1), 0);
}

TEST_F(AgentPodsSystemTest, KubectlLogsFollowsAContainer) {
    if (!kubectlAvailable())
        GTEST_SKIP() << "needs kubectl";
    Json spec = {{"terminationGracePeriodSeconds", 1},
                 {"containers",
                  {container(m_env->image(),
                             "i=0; while true; do i=$((i+1)); echo tick $i; busybox usleep 300000; "
                             "done")}}};
    ASSERT_TRUE(m_env->createPod(podJson("ticker", spec)));
    waitRunning("ticker");
    // `kubectl logs -f` runs for 4 s: a follow keeps delivering lines written after it began.
    CommandResult follow = kubectl({"logs", "-f", "ticker"}, 4s);
    EXPECT_EQ(follow.exitCode, -1) << "the follow ended by itself: " << follow.err;
    const auto lines = std::count(follow.out.begin(), follow.out.end(), '\n');
    EXPECT_GE(lines, 6) << follow.out << follow.err;
    EXPECT_NE(follow.out.find("tick 1\n"), std::string::npos) << follow.out;
    // tailLines and timestamps are passed through to the agent.
    CommandResult tail = kubectl({"logs", "ticker", "--tail=2", "--timestamps"});
    ASSERT_EQ(tail.exitCode, 0) << tail.err;
    EXPECT_EQ(std::count(tail.out.begin(), tail.out.end(), '\n'), 2) << tail.out;
    EXPECT_EQ(tail.out.substr(0, 2), "20") << tail.out; // RFC 3339 timestamps lead each line
}

TEST_F(AgentPodsSystemTest, FailingLivenessProbeRestartsTheContainer) {
    Json spec = {{"terminationGracePeriodSeconds", 1},
                 {"containers",
                  {container(m_env->image(), "touch /tmp/alive; busybox sleep 4; rm /tmp/alive; "
                                             "trap 'exit 0' TERM; while true; do busybox sleep 1; "
                                             "done")}}};
    spec["containers"][0]["livenessProbe"] = {{"exec", {{"command", {"cat", "/tmp/alive"}}}},
                                              {"periodSeconds", 1},
                                              {"failureThreshold", 2}};
    ASSERT_TRUE(m_env->createPod(podJson("flaky", spec)));
    waitRunning("flaky");
    Json s;
    ASSERT_TRUE(waitUntil([&] { return (s = status("flaky")).value("restartCount", 0) >= 1; }, 90s))
        << s.dump() << m_env->agentLog();
    EXPECT_TRUE(s["lastState"].contains("terminated")) << s.dump();
}

TEST_F(AgentPodsSystemTest, ReadinessProbeGatesReadyAndTheServiceEndpoints) {
    Json service = {
        {"apiVersion", "v1"},
        {"kind", "Service"},
        {"metadata", {{"name", "gated"}, {"namespace", "default"}}},
        {"spec",
         {{"selector", {{"app", "gated"}}}, {"ports", {{{"port", 80}, {"targetPort", 8080}}}}}}};
    ASSERT_TRUE(m_env->admin().post("/api/v1/namespaces/default/services", service));
    Json spec = {{"terminationGracePeriodSeconds", 1},
                 {"containers",
                  {container(m_env->image(), "trap 'exit 0' TERM; while true; do "
                                             "busybox sleep 1; done")}}};
    spec["containers"][0]["readinessProbe"] = {{"exec", {{"command", {"cat", "/tmp/ready"}}}},
                                               {"periodSeconds", 1}};
    ASSERT_TRUE(m_env->createPod(podJson("gated", spec)));
    waitRunning("gated");
    // Running but not ready: the address is listed as not ready.
    auto notReadyListed = [&] {
        auto ep = m_env->admin().get("/api/v1/namespaces/default/endpoints/gated");
        return ep && ep->contains("/subsets/0/notReadyAddresses/0/ip"_json_pointer);
    };
    ASSERT_TRUE(waitUntil(notReadyListed, 30s));
    EXPECT_FALSE(podReady("gated"));
    // The container becomes ready from inside (a file appears through the pod's own root).
    const pid_t pid = m_env->containerPid(status("gated").value("containerID", ""));
    ASSERT_GT(pid, 0);
    cox::testing::writeFile("/proc/" + std::to_string(pid) + "/root/tmp/ready", "yes\n");
    EXPECT_TRUE(waitUntil([&] { return podReady("gated"); }, 30s)) << m_env->agentLog();
    EXPECT_TRUE(waitUntil(
        [&] {
            auto ep = m_env->admin().get("/api/v1/namespaces/default/endpoints/gated");
            return ep && ep->contains("/subsets/0/addresses/0/ip"_json_pointer);
        },
        30s));
}

TEST_F(AgentPodsSystemTest, PodIgnoringSigtermIsKilledAfterItsGracePeriod) {
    Json spec = {{"terminationGracePeriodSeconds", 2},
                 {"containers",
                  {container(m_env->image(), "trap '' TERM; while true; do busybox sleep 1; "
                                             "done")}}};
    ASSERT_TRUE(m_env->createPod(podJson("stubborn", spec)));
    waitRunning("stubborn");
    const pid_t pid = m_env->containerPid(status("stubborn").value("containerID", ""));
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(m_env->deletePod("stubborn"));
    // Still there through part of the grace period (SIGTERM is ignored) ...
    std::this_thread::sleep_for(500ms);
    EXPECT_TRUE(processAlive(pid));
    // ... then SIGKILL, and the agent finishes the deletion.
    EXPECT_TRUE(waitUntil([&] { return !processAlive(pid); }, 30s));
    EXPECT_TRUE(waitUntil(
        [&] { return m_env->pod("stubborn").status().code() == StatusCode::NotFound; }, 30s));
}

TEST_F(AgentPodsSystemTest, ControlPlaneAwayForAMinuteRestartsNothing) {
    Json spec = {{"terminationGracePeriodSeconds", 1},
                 {"containers",
                  {container(m_env->image(), "trap 'exit 0' TERM; while true; do "
                                             "busybox sleep 1; done")}}};
    ASSERT_TRUE(m_env->createPod(podJson("steady", spec)));
    waitRunning("steady");
    const Json before = status("steady");
    const pid_t pid = m_env->containerPid(before.value("containerID", ""));
    ASSERT_GT(pid, 0);

    m_env->stopControlPlane();
    std::this_thread::sleep_for(60s);
    EXPECT_TRUE(processAlive(pid)) << "the container died while the control plane was away";
    ASSERT_EQ(m_env->restartControlPlane(), "");

    // The agent reconnects (the node is Ready again) and reports the same container.
    ASSERT_TRUE(waitUntil([&] { return m_env->nodeReady(); }, 90s)) << m_env->agentLog();
    EXPECT_TRUE(processAlive(pid));
    const Json after = status("steady");
    EXPECT_EQ(after.value("containerID", ""), before.value("containerID", "-"));
    EXPECT_EQ(after.value("restartCount", -1), 0);
    EXPECT_EQ(m_env->containerPid(after.value("containerID", "")), pid);
}

} // namespace
} // namespace cox::agent::testing
