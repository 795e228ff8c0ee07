// NodeNetwork: the networking a real node adds to its runtime - the service proxy rules, pod
// egress masquerade and host-gw routes (ServiceSync), and the cluster DNS server on the pod
// bridge's gateway address, answering the cluster domain and forwarding the rest to the
// upstreams of the node's resolv.conf. It also remembers each pod's DNS policy and service-link
// switch (fed from the pod watch) so PodNetworkRuntime can give containers their resolv.conf
// and service environment variables.
// stop() leaves rules and routes in place, as kube-proxy does: pods keep reaching services and
// other nodes while the agent restarts, and the next start rewrites them. removeAll() is the
// explicit clean-up (coxswain-agent --cleanup-network, for node removal).
#pragma once

#include "api_client.h"
#include "pod_dns.h"
#include "proxy/service_environment.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cox::agent {

namespace dns {
class DnsServer;
}
class ServiceSync;

struct NodeNetworkConfig {
    std::string nodeName;
    std::string podCidr;                      // this node's, e.g. "10.42.3.0/24"
    std::string clusterCidr = "10.42.0.0/16"; // every node's pods
    std::string serviceCidr = "10.43.0.0/16"; // ClusterIPs (the API server's range)
    std::string clusterDns;                   // empty: the pod gateway (first address of podCidr)
    std::string clusterDomain = "cluster.local";
    std::string resolvConf = "/etc/resolv.conf"; // upstreams, and dnsPolicy Default
    std::string iptablesBackend = "auto";        // auto, legacy, nft (IptablesBackend)
    bool proxy = true;                           // service rules (masquerade/routes always)
    uint16_t dnsPort = 53;
};

class NodeNetwork {
public:
    NodeNetwork(NodeNetworkConfig config, ApiClient &api);
    ~NodeNetwork();
    NodeNetwork(const NodeNetwork &) = delete;
    NodeNetwork &operator=(const NodeNetwork &) = delete;

    // Chooses the iptables backend, binds the DNS server and starts the sync. Errors: a bad
    // CIDR or backend, no iptables, DNS address or port taken.
    Status start();
    void stop();

    // The pod watch feeds these (any thread).
    void rememberPod(const Json &pod);
    void forgetPod(const Json &pod);

    PodDnsSettings dnsFor(const std::string &podUid, const std::string &podNamespace) const;
    // Service variables for a container of the pod (empty with enableServiceLinks false,
    // except the "kubernetes" service's, which kubelet always adds). Waits (bounded) for the
    // first Service list, so a container never starts with half the variables.
    std::vector<proxy::EnvVar> serviceEnvironment(const std::string &podUid,
                                                  const std::string &podNamespace) const;

    const std::string &dnsAddress() const { return m_dnsAddress; }
    const std::string &iptablesBackend() const { return m_backendName; }

    // Removes our chains (from both iptables backends) and our routes; `commandPrefix` as in
    // ServiceSyncOptions. Used by --cleanup-network when a node leaves the cluster.
    static Status removeAll(const std::vector<std::string> &commandPrefix = {});

private:
    Json podFor(const std::string &podUid) const;

    NodeNetworkConfig m_config;
    ApiClient &m_api;
    std::string m_dnsAddress;
    std::string m_hostResolvConf;
    std::string m_backendName;
    std::unique_ptr<dns::DnsServer> m_dns;
    std::unique_ptr<ServiceSync> m_sync;
    mutable std::mutex m_mutex;
    std::map<std::string, Json> m_pods; // uid -> {metadata.namespace, spec (DNS fields only)}
};

// "10.42.3.0/24" -> "10.42.3.1" (the CNI bridge's gateway address); empty when malformed.
std::string firstHostAddress(const std::string &cidr);

} // namespace cox::agent
