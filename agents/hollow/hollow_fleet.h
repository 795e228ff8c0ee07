// HollowFleet: N hollow nodes NAME-0..NAME-N-1 in one process, for scale tests of the control
// plane. Each node is a real node to the API: its own credential (joined with the bootstrap
// token, stored under DATA_DIR/NAME-i), its own Node and Lease, pods reported with its own
// identity - the authorizer lets a node write only its own objects, so nothing less is correct.
// What is shared: host facts, one pod watch for the whole fleet (nodes may read every pod;
// events are dispatched by spec.nodeName), a few heartbeat and pod-sync threads for all nodes.
// Between heartbeats a node keeps no connection open (the API server has a thread per
// connection and caps them) when the fleet is larger than kKeepAliveFleetSize.
#pragma once

#include "agent/api_client.h"
#include "agent/host_facts.h"
#include "agent/node_heartbeat.h"
#include "agent/pod_manager.h"
#include "agent/pod_watch.h"
#include "agent/prober.h"
#include "hollow/hollow_runtime.h"

#include <atomic>
#include <map>
#include <memory>
#include <thread>
#include <vector>

namespace cox::agent {

inline constexpr int kKeepAliveFleetSize = 32;

struct HollowFleetConfig {
    std::string serverUrl;
    std::string joinToken;
    std::string namePrefix; // nodes are <prefix>-<i>
    std::string dataDir;
    int count = 1;
    NodeConfig node; // template: name is replaced per node
    int heartbeatThreads = 2;
    int syncThreads = 2;
};

class HollowFleet {
public:
    static Result<std::unique_ptr<HollowFleet>> start(HollowFleetConfig config,
                                                      const Clock &clock = SystemClock::instance());
    ~HollowFleet();
    void stop();

    size_t size() const { return m_nodes.size(); }
    HollowRuntime &runtime(size_t i) { return m_nodes[i]->runtime; }
    NodeHeartbeat &heartbeat(size_t i) { return *m_nodes[i]->heartbeat; }
    PodManager &pods(size_t i) { return *m_nodes[i]->pods; }

private:
    struct Node {
        std::unique_ptr<ApiClient> api;
        HollowRuntime runtime;
        std::unique_ptr<HollowProber> prober;
        std::unique_ptr<NodeHeartbeat> heartbeat;
        std::unique_ptr<PodManager> pods;
        std::string cidr;
        WallTime next{};
    };

    HollowFleet() = default;
    void heartbeatLoop(size_t first, size_t step);
    void syncLoop(size_t first, size_t step);
    PodManager *managerFor(const Json &pod);

    HollowFleetConfig m_config;
    const Clock *m_clock = nullptr;
    HostFacts m_facts;
    std::vector<std::unique_ptr<Node>> m_nodes;
    std::map<std::string, size_t> m_byName;
    std::unique_ptr<PodWatch> m_watch;
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads;
};

} // namespace cox::agent
