// ServiceSync: the agent's kube-proxy. Watches Services, Endpoints and Nodes through the API
// and keeps this node in step: the service proxy's iptables rules (ServiceRuleSet), the pod
// egress masquerade (MasqueradeRules), host-gw routes to other nodes' pod CIDRs (RouteTable)
// and the cluster DNS records (DnsRecordTable, swapped into a running DnsServer). Events are
// batched (a Deployment scaling to 20 is one sync, not 20), nothing is applied before all three
// collections have been listed once (a partial view would delete rules), a failed sync is
// retried after a second, and a periodic resync repairs rules someone else flushed.
#pragma once

#include "api_client.h"
#include "model/types/node.h"
#include "model/types/service.h"
#include "network/iptables_applier.h"
#include "resource_watch.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace cox::agent {

namespace dns {
class DnsServer;
}
namespace network {
class RouteApplier;
} // namespace network

struct ServiceSyncOptions {
    std::string nodeName;
    std::string podCidr;     // this node's pods; empty: no masquerade rules
    std::string clusterCidr; // every node's pods, e.g. "10.244.0.0/16"
    std::string clusterDomain = "cluster.local";
    bool proxy = true;
    bool routes = true;
    bool masquerade = true;
    std::vector<std::string> commandPrefix; // e.g. {"ip", "netns", "exec", NS} in tests
    network::IptablesTools iptables;        // see IptablesBackend::choose
    std::chrono::milliseconds batchDelay{100};
    std::chrono::milliseconds resyncPeriod{60'000};
};

class ServiceSync {
public:
    // `dns` may be null (no cluster DNS on this node); it must outlive the ServiceSync.
    ServiceSync(ApiClient &api, ServiceSyncOptions options, dns::DnsServer *dns = nullptr);
    ~ServiceSync();

    void start();
    void stop();

    // The Services known now, for ServiceEnvironment when a container starts.
    std::vector<model::Service> services() const;
    // True once the Services have been listed (before that services() may be incomplete).
    bool servicesListed() const;
    int syncCount() const;
    Status lastStatus() const;

private:
    struct Snapshot {
        std::vector<model::Service> services;
        std::vector<model::Endpoints> endpoints;
        std::vector<model::Node> nodes;
        std::map<std::string, std::string> externalNames;
    };
    template<typename T>
    ResourceWatchHandlers handlersFor(std::map<std::string, T> &objects);
    void remember(const Json &object, std::map<std::string, model::Service> &objects);
    void markDirty();
    Snapshot snapshot() const;
    bool listedAll() const;
    void run();
    Status syncOnce(bool full);

    ApiClient &m_api;
    ServiceSyncOptions m_options;
    dns::DnsServer *m_dns;
    std::unique_ptr<network::IptablesApplier> m_proxy;
    std::unique_ptr<network::IptablesApplier> m_masquerade;
    std::unique_ptr<network::RouteApplier> m_routes;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_dirty = true;
    bool m_stop = false;
    int m_syncs = 0;
    Status m_lastStatus;
    std::map<std::string, model::Service> m_services;
    std::map<std::string, model::Endpoints> m_endpoints;
    std::map<std::string, model::Node> m_nodes;
    std::map<std::string, std::string> m_externalNames;
    std::vector<std::unique_ptr<ResourceWatch>> m_watches;
    std::thread m_thread;
};

} // namespace cox::agent
