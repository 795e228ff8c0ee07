// ServiceRuleSet: the service proxy as a pure function. From Services, their Endpoints and the
// node's cluster CIDR it builds the iptables rules (nat + filter) that make ClusterIPs,
// externalIPs and NodePorts reach the ready endpoints, in the shape kube-proxy's iptables mode
// uses:
//   COX-SERVICES   (nat PREROUTING/OUTPUT)  ClusterIP:port -> COX-SVC-<hash>; last, traffic to
//                                            a local address -> COX-NODEPORTS
//   COX-NODEPORTS  nodePort -> mark for masquerade -> COX-SVC-<hash>
//   COX-SVC-<hash> traffic from outside the cluster CIDR is marked; with ClientIP affinity a
//                  `recent` check per endpoint first; then endpoint i of n is taken with
//                  probability 1/(n-i) (`statistic --mode random`), which spreads evenly
//   COX-SEP-<hash> a pod reaching itself (hairpin) is marked; DNAT to ip:port
//   COX-POSTROUTING masquerades marked packets
//   filter COX-SERVICES rejects ports with no ready endpoint (a fast "connection refused"
//                  rather than a timeout); filter COX-FORWARD accepts marked/established flows
// Only Endpoints `addresses` (ready) are used; notReadyAddresses never get traffic.
#pragma once

#include "model/types/service.h"
#include "network/iptables_rule_set.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::agent::proxy {

struct ProxyConfig {
    std::string clusterCidr;            // pod network of the whole cluster, "10.244.0.0/16"
    uint32_t masqueradeMark = 0x4000;   // bit shared with MasqueradeRules
    int affinityTimeoutSeconds = 10800; // Kubernetes' default ClientIP timeout (3 h)
};

struct ServiceEndpoint {
    std::string ip;
    int32_t port = 0;
    bool operator==(const ServiceEndpoint &) const = default;
};

class ServiceRuleSet {
public:
    static network::IptablesRuleSet build(const std::vector<model::Service> &services,
                                          const std::vector<model::Endpoints> &endpoints,
                                          const ProxyConfig &config);

    // The ready endpoints of one service port, sorted and without duplicates: the Endpoints
    // subset port is matched by name (or the only port when unnamed) and protocol.
    static std::vector<ServiceEndpoint> readyEndpoints(const model::Endpoints &endpoints,
                                                       const model::ServicePort &port);
    static std::vector<std::string> ownedChains();
    static std::vector<network::ChainJump> jumps();
};

} // namespace cox::agent::proxy
