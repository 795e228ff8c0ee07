// Agent: one node agent - joins (or reuses its stored credential), registers the Node, renews
// its Lease and status, watches the pods bound to it and runs them through the injected
// ContainerRuntime (runc, docker or hollow: chosen by the caller, see agents/main.cpp).
// With `network` set (real nodes) it also runs the node's cluster networking (NodeNetwork:
// service proxy, masquerade, host-gw routes, cluster DNS) and hands pods to the runtime through
// PodNetworkRuntime, which adds their resolv.conf and service environment variables.
// Threads: one heartbeat, one pod watch, `syncThreads` pod-sync workers (+ NodeNetwork's).
#pragma once

#include "api_client.h"
#include "common/clock.h"
#include "host_facts.h"
#include "node_heartbeat.h"
#include "node_network.h"
#include "node_services.h"
#include "pod_manager.h"
#include "pod_watch.h"
#include "prober.h"
#include "runtime/runtime.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace cox::agent {

struct AgentConfig {
    std::string serverUrl;
    std::string joinToken; // only needed without a stored credential
    std::string dataDir;   // node.key, node.crt, ca.crt
    NodeConfig node;       // name, labels, lease and status intervals
    int syncThreads = 4;
    // Volumes, logs and the log endpoint; nullopt for nodes without real containers (hollow).
    std::optional<NodeServicesConfig> services;
    // Cluster networking (needs the pod CIDR); nullopt: none (hollow nodes, --no-network).
    std::optional<NodeNetworkConfig> network;
    // Called on the heartbeat thread when spec.podCIDR is first seen or changes.
    std::function<void(const std::string &)> podCidrChanged;
};

class Agent {
public:
    // Joins or loads the credential (errors: refused join, unreadable credential), then runs.
    // `prober` defaults to a NetworkProber over `runtime`.
    static Result<std::unique_ptr<Agent>> start(AgentConfig config, ContainerRuntime &runtime,
                                                const Clock &clock = SystemClock::instance(),
                                                std::unique_ptr<Prober> prober = nullptr);
    ~Agent();
    void stop();

    ApiClient &api() { return *m_api; }
    NodeHeartbeat &heartbeat() { return *m_heartbeat; }
    PodManager &pods() { return *m_pods; }
    PodWatch &podWatch() { return *m_watch; }
    NodeServices *services() { return m_services.get(); }
    NodeNetwork *network() { return m_network.get(); }

private:
    Agent() = default;
    Status startServices(const std::string &caPem);
    void heartbeatLoop();
    void syncLoop();

    AgentConfig m_config;
    const Clock *m_clock = nullptr;
    std::unique_ptr<ApiClient> m_api;
    HostFacts m_facts;
    std::unique_ptr<NodeNetwork> m_network;
    std::unique_ptr<ContainerRuntime> m_networkRuntime; // wraps the caller's runtime
    std::unique_ptr<Prober> m_prober;
    std::unique_ptr<NodeServices> m_services;
    std::unique_ptr<NodeHeartbeat> m_heartbeat;
    std::unique_ptr<PodManager> m_pods;
    std::unique_ptr<PodWatch> m_watch;
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads;
};

// Sleeps up to `until` (wall clock), waking early when `stop` turns true; bounded per call.
void sleepUntil(WallTime until, const std::atomic<bool> &stop, const Clock &clock);

} // namespace cox::agent
