// MasqueradeRules: the node's own pod-network iptables rules. Pods leaving the cluster network
// are masqueraded to the node's address; pod-to-pod traffic across nodes keeps its source (the
// ACCEPT ends nat POSTROUTING before the CNI bridge plugin's per-pod MASQUERADE, which would
// otherwise hide the pod IP from pods on other nodes). Packets the service proxy marked for
// masquerade are left to its chain. A filter chain accepts forwarding to and from the cluster
// network, because Docker sets the FORWARD policy to DROP.
#pragma once

#include "network/iptables_rule_set.h"

#include <cstdint>
#include <string>

namespace cox::agent::network {

struct MasqueradeConfig {
    std::string podCidr;              // this node's pods, e.g. "10.244.1.0/24"
    std::string clusterCidr;          // every node's pods, e.g. "10.244.0.0/16"
    uint32_t masqueradeMark = 0x4000; // the proxy's mark (see ServiceRuleSet)
};

class MasqueradeRules {
public:
    static constexpr const char *kEgressChain = "COX-EGRESS";
    static constexpr const char *kForwardChain = "COX-POD-FORWARD";

    static IptablesRuleSet build(const MasqueradeConfig &config);
    // The prefixes an IptablesApplier for these rules owns.
    static std::vector<std::string> ownedChains();
};

} // namespace cox::agent::network
