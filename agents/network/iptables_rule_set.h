// IptablesRuleSet: the chains one component owns, as data. render() gives the payload for
// `iptables-restore --noflush`: every declared chain is flushed and refilled in one atomic
// transaction per table, chains we do not declare are left alone. Jumps from the built-in chains
// (PREROUTING, OUTPUT, ...) cannot be written that way without flushing the built-ins, so they
// are listed separately and the applier checks/inserts them one by one.
#pragma once

#include <string>
#include <vector>

namespace cox::agent::network {

struct IptablesTable {
    std::string name;                // "nat", "filter"
    std::vector<std::string> chains; // our chains, declared (and so flushed) in this table
    std::vector<std::string> rules;  // "-A CHAIN ..." lines in order
};

// `iptables -t table -I chain [rule...] -j target`, kept exactly once.
struct ChainJump {
    std::string table;
    std::string chain;              // built-in chain, e.g. "PREROUTING"
    std::vector<std::string> match; // e.g. {"-m", "conntrack", "--ctstate", "NEW"}
    std::string target;             // our chain
    bool operator==(const ChainJump &) const = default;
};

struct IptablesRuleSet {
    std::vector<IptablesTable> tables;
    std::vector<ChainJump> jumps;

    // The table named `name`, created (empty) when missing.
    IptablesTable &table(const std::string &name);
    const IptablesTable *findTable(const std::string &name) const;
    // iptables-restore text; `deleteChains` (per table name) are flushed and removed (-X) too.
    std::string render(const std::vector<IptablesTable> &deleteChains = {}) const;
    size_t ruleCount() const;
};

} // namespace cox::agent::network
