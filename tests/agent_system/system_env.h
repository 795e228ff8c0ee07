// SystemEnv: one real node for system tests and benchmarks - an in-process control plane
// (loopback, port 0, temp dir), Debian's docker-registry child with the busybox test image
// pushed, and the real coxswain-agent binary (--runtime runc) as a child process with its own
// bridge and data dir. The destructor kills the agent, removes every sandbox it left through
// the same RuncRuntime the agent uses (containers, CNI DEL, cgroups, overlays), deletes the
// bridge and the temp dirs.
#pragma once

#include "agent/api_client.h"
#include "controlplane/control_plane.h"
#include "process.h"
#include "test_image.h"

#include <chrono>
#include <memory>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace cox::agent::testing {

// Empty when this machine can run the system tests, else what is missing.
std::string missingPrerequisite();

class SystemEnv {
public:
    SystemEnv();
    ~SystemEnv();
    SystemEnv(const SystemEnv &) = delete;
    SystemEnv &operator=(const SystemEnv &) = delete;

    // Control plane and registry with the image pushed; returns an error text, empty when fine.
    std::string start();
    static std::string agentBinary();
    // Starts (or restarts) coxswain-agent over the same data dir.
    std::string startAgent();
    // start() + startAgent() + the node Ready with its pod CIDR within `timeout`, as benchmarks
    // begin; the error text carries the agent's log when the node never got Ready.
    std::string startReadyNode(std::chrono::seconds timeout);
    // The agent runs with --no-network unless this is called first: these tests share the
    // host's network namespace, whose iptables and routes they must leave as they found them.
    // With it (benchmarks that measure the agent as users run it), the destructor runs
    // --cleanup-network.
    void enableNodeNetwork() { m_nodeNetwork = true; }
    // The agent's --runtime (default runc) and extra environment (the docker tests point
    // DOCKER_HOST at their own dockerd); call before startAgent().
    void setRuntime(std::string runtime, cox::testing::Env agentEnv = {}) {
        m_runtime = std::move(runtime);
        m_agentEnv = std::move(agentEnv);
    }
    // One more key for the agent's config file (e.g. "syncThreads"); call before startAgent().
    void setAgentConfig(const std::string &key, const std::string &jsonValue) {
        m_agentConfig.emplace_back(key, jsonValue);
    }
    // Stops the control plane (the agent loses it) and starts it again on the same port and
    // database; returns an error text, empty when fine.
    void stopControlPlane();
    std::string restartControlPlane();
    // The admin kubeconfig the control plane writes (for kubectl).
    std::string kubeconfig() const { return m_dir + "/master/kubeconfig"; }
    // Sends `signal` to the agent and waits for it to exit.
    void stopAgent(int signal);
    pid_t agentPid() const { return m_agent.pid(); }

    ApiClient &admin() { return *m_admin; }
    std::string serverUrl() const { return m_plane ? m_plane->serverUrl() : std::string(); }
    const std::string &nodeName() const { return m_nodeName; }
    const std::string &dataDir() const { return m_dataDir; }
    // "127.0.0.1:PORT/busybox:1" - the busybox test image in the registry.
    std::string image() const;
    std::string agentLog() const;

    // The node's spec.podCIDR ("" until assigned) and whether its Ready condition is True.
    std::string podCidr();
    bool nodeReady();
    Result<Json> pod(const std::string &name);
    std::vector<Json> podsWithLabel(const std::string &app);
    Status createPod(const Json &pod);
    Status deletePod(const std::string &name);
    // The host pid of a container's process from "runc://<id>" via runc state; -1 if none.
    pid_t containerPid(const std::string &containerId) const;

private:
    void cleanUpNode();

    std::string m_dir;
    std::string m_dataDir;
    std::string m_nodeName;
    std::string m_bridge;
    std::string m_cidr;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    uint16_t m_port = 0;
    std::unique_ptr<ApiClient> m_admin;
    cox::testing::TestRegistry m_registry;
    cox::testing::ChildProcess m_agent;
    int m_agentStarts = 0;
    bool m_nodeNetwork = false;
    std::string m_runtime = "runc";
    cox::testing::Env m_agentEnv;
    std::vector<std::pair<std::string, std::string>> m_agentConfig; // key, JSON text
};

// Pod JSON helpers.
bool podRunning(const Json &pod);
std::string podIp(const Json &pod);
// status.containerStatuses[0] or null.
Json firstContainerStatus(const Json &pod);
// Whether `ip` (dotted quad) lies inside `cidr` ("a.b.c.d/n").
bool ipInCidr(const std::string &ip, const std::string &cidr);
bool processAlive(pid_t pid);

} // namespace cox::agent::testing
