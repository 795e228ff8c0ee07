// IptablesApplier: keeps one component's chains in the kernel equal to an IptablesRuleSet.
// Each apply() is one `iptables-restore --noflush` (a full rewrite of only our chains, atomic
// per table), then the jumps from the built-in chains are checked and inserted when missing, so
// applying the same set twice changes nothing. Chains that carry one of our prefixes but are no
// longer in the set (a deleted Service, or leftovers of an earlier agent) are removed in the
// same transaction.
#pragma once

#include "common/status.h"
#include "network/command_runner.h"
#include "network/iptables_rule_set.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace cox::agent::network {

class IptablesApplier {
public:
    // `ownedPrefixes`: chain names this applier may delete, e.g. {"COX-SVC-", "COX-SEP-"}.
    IptablesApplier(CommandRunner runner, std::vector<std::string> ownedPrefixes);

    Status apply(const IptablesRuleSet &rules);
    // Removes our jumps and every owned chain (agent uninstall, tests).
    Status removeAll(const std::vector<ChainJump> &jumps);

    // The payload of the last apply (tests, debugging).
    const std::string &lastPayload() const { return m_lastPayload; }

private:
    bool owned(const std::string &chain) const;
    // Owned chains currently in the kernel, read with iptables-save (first apply only).
    Result<std::map<std::string, std::set<std::string>>>
    kernelChains(const std::set<std::string> &tables) const;
    Status ensureJump(const ChainJump &jump) const;
    std::vector<std::string> jumpArgs(const char *op, const ChainJump &jump) const;

    CommandRunner m_runner;
    std::vector<std::string> m_prefixes;
    bool m_synced = false;
    std::map<std::string, std::set<std::string>> m_known; // table -> our chains in the kernel
    std::string m_lastPayload;
};

} // namespace cox::agent::network
