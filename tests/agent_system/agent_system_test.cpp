// The real coxswain-agent with the runc runtime against an in-process control plane and a local
// registry: node registration, Deployment pods running with addresses from the node's pod CIDR,
// deletion and replacement, CrashLoopBackOff, and adoption of running pods by a restarted agent.
#include "real_node_test.h"

#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <set>

namespace cox::agent::testing {
namespace {

using cox::testing::waitUntil;
using namespace std::chrono_literals;

const std::vector<std::string> kLoop = {"sh", "-c",
                                        "trap 'exit 0' TERM; while true; do busybox sleep 1; done"};

Json podSpec(const std::string &image, const std::vector<std::string> &command) {
    Json container = {{"name", "app"},
                      {"image", image},
                      {"command", command},
                      {"resources", {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}}}}};
    return {{"terminationGracePeriodSeconds", 3}, {"containers", Json::array({container})}};
}

Json deploymentJson(const std::string &name, int replicas, const std::string &image) {
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", {{"app", name}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", name}}}}}, {"spec", podSpec(image, kLoop)}}}}}};
}

class AgentSystemTest : public RealNodeTest {
protected:
    // The Running pods of `app` (not being deleted), by name.
    std::map<std::string, Json> runningPods(const std::string &app) {
        std::map<std::string, Json> out;
        for (auto &pod : m_env->podsWithLabel(app))
            if (podRunning(pod) && !pod["metadata"].contains("deletionTimestamp"))
                out[pod["metadata"].value("name", "")] = pod;
        return out;
    }
    void createDeployment(const std::string &name, int replicas) {
        auto created = m_env->admin().post("/apis/apps/v1/namespaces/default/deployments",
                                           deploymentJson(name, replicas, m_env->image()));
        ASSERT_TRUE(created) << created.status().message();
    }
    pid_t pidOf(const Json &pod) {
        return m_env->containerPid(firstContainerStatus(pod).value("containerID", ""));
    }
};

TEST_F(AgentSystemTest, DeploymentPodsRunInTheNodeCidrAndDeletedPodsAreReplaced) {
    createDeployment("web", 2);
    std::map<std::string, Json> pods;
    ASSERT_TRUE(waitUntil([&] { return (pods = runningPods("web")).size() == 2; }, 120s))
        << m_env->agentLog();
    std::set<std::string> ips;
    for (const auto &[name, pod] : pods) {
        EXPECT_EQ(pod["spec"].value("nodeName", ""), m_env->nodeName());
        EXPECT_TRUE(ipInCidr(podIp(pod), m_cidr)) << podIp(pod) << " not in " << m_cidr;
        ips.insert(podIp(pod));
        EXPECT_TRUE(firstContainerStatus(pod)["state"].contains("running")) << pod.dump();
        EXPECT_TRUE(processAlive(pidOf(pod))) << name;
    }
    EXPECT_EQ(ips.size(), 2u);

    const std::string victim = pods.begin()->first;
    const pid_t victimPid = pidOf(pods.begin()->second);
    ASSERT_GT(victimPid, 0);
    ASSERT_TRUE(m_env->deletePod(victim));
    EXPECT_TRUE(waitUntil([&] { return !processAlive(victimPid); }, 60s));
    EXPECT_TRUE(
        waitUntil([&] { return m_env->pod(victim).status().code() == StatusCode::NotFound; }, 60s));
    // The ReplicaSet's replacement runs on the node too.
    ASSERT_TRUE(waitUntil(
        [&] {
            pods = runningPods("web");
            return pods.size() == 2 && !pods.count(victim);
        },
        120s))
        << m_env->agentLog();
    for (const auto &[name, pod] : pods) {
        EXPECT_TRUE(ipInCidr(podIp(pod), m_cidr));
        EXPECT_TRUE(processAlive(pidOf(pod))) << name;
    }
}

TEST_F(AgentSystemTest, ContainerThatKeepsExitingReachesCrashLoopBackOff) {
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", "crasher"}, {"namespace", "default"}}},
                {"spec", podSpec(m_env->image(), {"sh", "-c", "exit 1"})}};
    pod["spec"]["restartPolicy"] = "Always";
    ASSERT_TRUE(m_env->createPod(pod));
    Json status;
    ASSERT_TRUE(waitUntil(
        [&] {
            auto current = m_env->pod("crasher");
            if (!current)
                return false;
            status = firstContainerStatus(*current);
            return status.is_object() && status["state"].contains("waiting") &&
                   status["state"]["waiting"].value("reason", "") == "CrashLoopBackOff";
        },
        120s))
        << status.dump() << "\n"
        << m_env->agentLog();
    EXPECT_GE(status.value("restartCount", 0), 1);
    EXPECT_EQ(status["lastState"]["terminated"].value("exitCode", -1), 1) << status.dump();
}

TEST_F(AgentSystemTest, KilledAgentLeavesPodsRunningAndRestartedAgentAdoptsThem) {
    createDeployment("keep", 2);
    std::map<std::string, Json> before;
    ASSERT_TRUE(waitUntil([&] { return (before = runningPods("keep")).size() == 2; }, 120s))
        << m_env->agentLog();
    std::map<std::string, pid_t> pids;
    for (const auto &[name, pod] : before) {
        pids[name] = pidOf(pod);
        ASSERT_GT(pids[name], 0) << name;
    }

    m_env->stopAgent(SIGKILL);
    for (const auto &[name, pid] : pids)
        EXPECT_TRUE(processAlive(pid)) << name << " died with the agent";

    ASSERT_EQ(m_env->startAgent(), "");
    // The restarted agent controls what it adopted: deleting one pod stops its process. Once
    // that happened the new agent has synced every pod, so the survivor's status is its own.
    const std::string victim = before.begin()->first;
    const std::string survivor = std::next(before.begin())->first;
    ASSERT_TRUE(m_env->deletePod(victim));
    EXPECT_TRUE(waitUntil([&] { return !processAlive(pids[victim]); }, 60s)) << m_env->agentLog();
    ASSERT_TRUE(waitUntil([&] { return m_env->nodeReady(); }, 60s)) << m_env->agentLog();
    std::map<std::string, Json> after;
    ASSERT_TRUE(waitUntil(
        [&] {
            after = runningPods("keep");
            return after.size() == 2 && after.count(survivor);
        },
        120s))
        << m_env->agentLog();
    const Json &was = before[survivor];
    const Json &now = after[survivor];
    EXPECT_EQ(podIp(now), podIp(was));
    EXPECT_EQ(firstContainerStatus(now).value("restartCount", -1),
              firstContainerStatus(was).value("restartCount", -2));
    EXPECT_EQ(firstContainerStatus(now).value("containerID", ""),
              firstContainerStatus(was).value("containerID", "-"));
    EXPECT_TRUE(processAlive(pids[survivor])) << "the adopted container was restarted";
    EXPECT_EQ(pidOf(now), pids[survivor]);
    // The agent's log says it adopted rather than created.
    EXPECT_NE(m_env->agentLog().find("adopted running pod default/" + survivor), std::string::npos)
        << m_env->agentLog();
}

} // namespace
} // namespace cox::agent::testing
