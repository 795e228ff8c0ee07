// PodMasquerade: egress masquerade for a node's pods as one rule for the whole pod CIDR, in a
// nat chain of its own per bridge (COX-MASQ-<bridge>, jumped to from POSTROUTING for sources in
// the CIDR), instead of the CNI bridge plugin's ipMasq. The plugin's way costs a chain, three
// rules and a handful of iptables runs per pod at ADD and again at DEL (about 140 ms of CPU per
// pod here, serialised on the xtables lock, and leaked for good when a DEL runs without the
// namespace); the effect on packets is the same: pod -> outside the CIDR (not multicast) is
// masqueraded, pod -> pod is not. Used by nodes without the agent's NodeNetwork (--no-network),
// whose MasqueradeRules do this job otherwise. Rules go through the host's default `iptables`,
// as the bridge plugin's did.
#pragma once

#include "common/status.h"

#include <string>
#include <vector>

namespace cox::agent::runc {

class PodMasquerade {
public:
    PodMasquerade(std::string bridge, std::string podCidr);

    // Makes the chain hold exactly the node's rules and the POSTROUTING jump exist. Idempotent.
    Status ensure() const;
    // Removes the jump and the chain; missing pieces are fine.
    Status remove() const;

    const std::string &chain() const { return m_chain; }

private:
    std::vector<std::string> jumpRule(const char *op) const;

    std::string m_podCidr;
    std::string m_chain;
};

} // namespace cox::agent::runc
