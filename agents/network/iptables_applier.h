// IptablesApplier: keeps one component's chains in the kernel equal to an IptablesRuleSet.
// Each apply() is one `iptables-restore --noflush` (atomic per table) that rewrites only our
// chains - and after the first apply only those whose rules changed since the last one, because
// iptables-nft takes seconds to rewrite ten thousand chains (kube-proxy's "minimal sync" for the
// same reason). Chains that carry one of our prefixes but are no longer in the set (a deleted
// Service, or leftovers of an earlier agent) are removed in the same transaction. On the first
// and on every full apply the jumps from the built-in chains are checked and inserted when
// missing, so applying the same set twice changes nothing. A failed restore forgets what it
// knew: the next apply is full.
#pragma once

#include "common/status.h"
#include "network/command_runner.h"
#include "network/iptables_rule_set.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace cox::agent::network {

// Which iptables binaries to run: the host's default (iptables-nft on Debian 12, what Docker
// uses there) or the legacy x_tables ones on hosts whose other rules live there.
struct IptablesTools {
    std::string iptables = "iptables";
    std::string save = "iptables-save";
    std::string restore = "iptables-restore";
    static IptablesTools legacy() {
        return {"iptables-legacy", "iptables-legacy-save", "iptables-legacy-restore"};
    }
    static IptablesTools nft() {
        return {"iptables-nft", "iptables-nft-save", "iptables-nft-restore"};
    }
};

class IptablesApplier {
public:
    // `ownedPrefixes`: chain names this applier may delete, e.g. {"COX-SVC-", "COX-SEP-"}.
    IptablesApplier(CommandRunner runner, std::vector<std::string> ownedPrefixes,
                    IptablesTools tools = {});

    // Every rule must be an "-A CHAIN ..." line of a chain the set declares. `full` rewrites
    // every chain (a periodic resync repairing rules someone else changed).
    Status apply(const IptablesRuleSet &rules, bool full = false);
    // Removes our jumps and every owned chain (agent uninstall, tests).
    Status removeAll(const std::vector<ChainJump> &jumps);

    // The payload of the last apply (tests, debugging).
    const std::string &lastPayload() const { return m_lastPayload; }
    // Chains the last apply rewrote or deleted (0: nothing changed, no restore ran).
    size_t lastChangedChains() const { return m_lastChanged; }

private:
    bool owned(const std::string &chain) const;
    // Owned chains currently in the kernel, read with iptables-save (first apply only).
    Result<std::map<std::string, std::set<std::string>>>
    kernelChains(const std::set<std::string> &tables) const;
    Status ensureJump(const ChainJump &jump) const;
    std::vector<std::string> jumpArgs(const char *op, const ChainJump &jump) const;

    CommandRunner m_runner;
    std::vector<std::string> m_prefixes;
    IptablesTools m_tools;
    bool m_synced = false;
    std::map<std::string, std::set<std::string>> m_known; // table -> our chains in the kernel
    // table -> chain -> rules as last applied
    std::map<std::string, std::map<std::string, std::vector<std::string>>> m_applied;
    std::string m_lastPayload;
    size_t m_lastChanged = 0;
};

} // namespace cox::agent::network
