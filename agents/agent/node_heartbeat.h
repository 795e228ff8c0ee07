// NodeHeartbeat: being a node. Registers the Node (create, or patch when it exists), renews its
// Lease in kube-node-lease every leaseDuration/4, and re-posts the Node's status (conditions with
// heartbeat times, capacity, addresses, nodeInfo) every statusInterval. tick() does whatever is
// due and is driven by one thread per agent - or one thread for a whole fleet of hollow nodes.
#pragma once

#include "api_client.h"
#include "common/clock.h"
#include "host_facts.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace cox::agent {

inline constexpr const char *kKubeletVersion = "v1.32.0-coxswain";

struct NodeConfig {
    std::string name;
    std::map<std::string, std::string> labels; // extra labels (config file)
    // The control plane marks a node unreachable 10 s after its last renewal; a quarter of that
    // between renewals survives two lost ones.
    std::chrono::seconds leaseDuration{10};
    std::chrono::seconds statusInterval{10};
    int maxPods = 110;
    std::string runtimeVersion;
    std::string instanceType; // node.kubernetes.io/instance-type when set
    // The agent's HTTPS endpoint (logs), published as status.daemonEndpoints.kubeletEndpoint;
    // 0: the node serves none (hollow nodes).
    int kubeletPort = 0;
};

class NodeHeartbeat {
public:
    NodeHeartbeat(ApiClient &api, NodeConfig config, const HostFacts &facts, const Clock &clock);

    // Creates the Node or brings an existing one up to date (labels, status).
    Status registerNode();
    Status renewLease();
    Status postStatus();
    // Re-reads the Node (spec.podCIDR) without writing.
    Status refresh();
    // Registers when not yet registered, then renews/posts what is due. Returns when to call
    // again. Errors are logged (rate-limited) and retried at the next tick.
    WallTime tick();

    bool registered() const { return m_registered; }
    // spec.podCIDR once the IPAM controller assigned one ("" until then).
    std::string podCidr() const;
    const NodeConfig &config() const { return m_config; }

private:
    Json nodeObject() const;
    Json statusObject() const;
    void remember(const Json &node);

    ApiClient &m_api;
    NodeConfig m_config;
    const HostFacts &m_facts;
    const Clock &m_clock;
    bool m_registered = false;
    WallTime m_nextLease{};
    WallTime m_nextStatus{};
    WallTime m_lastError{};
    mutable std::mutex m_mutex;
    std::string m_podCidr;
};

} // namespace cox::agent
