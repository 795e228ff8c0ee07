#include "network/iptables_applier.h"

#include <sstream>

namespace cox::agent::network {

IptablesApplier::IptablesApplier(CommandRunner runner, std::vector<std::string> ownedPrefixes,
                                 IptablesTools tools)
    : m_runner(std::move(runner))
    , m_prefixes(std::move(ownedPrefixes))
    , m_tools(std::move(tools)) {}

bool IptablesApplier::owned(const std::string &chain) const {
    for (const auto &prefix : m_prefixes)
        if (chain.rfind(prefix, 0) == 0)
            return true;
    return false;
}

Result<std::map<std::string, std::set<std::string>>>
IptablesApplier::kernelChains(const std::set<std::string> &tables) const {
    std::map<std::string, std::set<std::string>> found;
    for (const auto &table : tables) {
        auto saved = m_runner.check({m_tools.save, "-t", table});
        if (!saved)
            return saved.status();
        std::istringstream lines(*saved);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.size() < 2 || line[0] != ':')
                continue;
            std::string chain = line.substr(1, line.find(' ') - 1);
            if (owned(chain))
                found[table].insert(chain);
        }
    }
    return found;
}

namespace {

using ChainRules = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

std::string chainOf(const std::string &rule) {
    if (rule.rfind("-A ", 0) != 0)
        return {};
    return rule.substr(3, rule.find(' ', 3) - 3);
}

ChainRules byChain(const IptablesRuleSet &rules) {
    ChainRules out;
    for (const auto &table : rules.tables) {
        auto &chains = out[table.name];
        for (const auto &chain : table.chains)
            chains[chain];
        for (const auto &rule : table.rules)
            chains[chainOf(rule)].push_back(rule);
    }
    return out;
}

// Only the chains whose rules differ from `applied` (all of them when `full`).
IptablesRuleSet changedPart(const IptablesRuleSet &rules, const ChainRules &desired,
                            const ChainRules &applied, bool full) {
    IptablesRuleSet delta;
    for (const auto &table : rules.tables) {
        std::set<std::string> changed;
        auto before = applied.find(table.name);
        for (const auto &chain : table.chains) {
            const auto &now = desired.at(table.name).at(chain);
            bool same = !full && before != applied.end() && before->second.count(chain) &&
                        before->second.at(chain) == now;
            if (!same)
                changed.insert(chain);
        }
        if (changed.empty())
            continue;
        auto &out = delta.table(table.name);
        for (const auto &chain : table.chains)
            if (changed.count(chain))
                out.chains.push_back(chain);
        for (const auto &rule : table.rules)
            if (changed.count(chainOf(rule)))
                out.rules.push_back(rule);
    }
    return delta;
}

} // namespace

Status IptablesApplier::apply(const IptablesRuleSet &rules, bool full) {
    std::set<std::string> tables;
    for (const auto &table : rules.tables)
        tables.insert(table.name);
    for (const auto &[table, chains] : m_known)
        tables.insert(table);
    // Jumps are checked on the first and on full applies; a periodic full apply repairs them.
    bool checkJumps = full || !m_synced;
    if (!m_synced) {
        auto found = kernelChains(tables);
        if (!found)
            return found.status();
        m_known = std::move(*found);
        m_applied.clear();
    }
    ChainRules desired = byChain(rules);
    std::vector<IptablesTable> stale;
    std::map<std::string, std::set<std::string>> declared;
    for (const auto &table : rules.tables)
        declared[table.name].insert(table.chains.begin(), table.chains.end());
    for (const auto &[table, chains] : m_known) {
        IptablesTable gone{table, {}, {}};
        for (const auto &chain : chains)
            if (!declared[table].count(chain))
                gone.chains.push_back(chain);
        if (!gone.chains.empty())
            stale.push_back(std::move(gone));
    }
    IptablesRuleSet delta = changedPart(rules, desired, m_applied, full || !m_synced);
    m_lastChanged = 0;
    for (const auto &table : delta.tables)
        m_lastChanged += table.chains.size();
    for (const auto &table : stale)
        m_lastChanged += table.chains.size();
    m_lastPayload = m_lastChanged ? delta.render(stale) : std::string();
    if (m_lastChanged) {
        auto restored = m_runner.check({m_tools.restore, "-w", "5", "--noflush"}, m_lastPayload);
        if (!restored) {
            // We no longer know what the kernel holds: read it again and rewrite everything.
            m_synced = false;
            return restored.status();
        }
    }
    m_known = std::move(declared);
    m_applied = std::move(desired);
    m_synced = true;
    for (const auto &jump : checkJumps ? rules.jumps : std::vector<ChainJump>{})
        if (auto status = ensureJump(jump); !status) {
            m_synced = false;
            return status;
        }
    return Status::ok();
}

std::vector<std::string> IptablesApplier::jumpArgs(const char *op, const ChainJump &jump) const {
    std::vector<std::string> args = {m_tools.iptables, "-w", "5", "-t", jump.table, op, jump.chain};
    if (std::string(op) == "-I")
        args.push_back("1");
    args.insert(args.end(), jump.match.begin(), jump.match.end());
    args.insert(args.end(), {"-j", jump.target});
    return args;
}

Status IptablesApplier::ensureJump(const ChainJump &jump) const {
    auto present = m_runner.run(jumpArgs("-C", jump));
    if (!present)
        return present.status();
    if (present->exitCode == 0)
        return Status::ok();
    auto inserted = m_runner.check(jumpArgs("-I", jump));
    return inserted.status();
}

Status IptablesApplier::removeAll(const std::vector<ChainJump> &jumps) {
    Status first;
    for (const auto &jump : jumps) {
        // -D removes one copy per call; a bounded loop also clears duplicates someone added.
        for (int i = 0; i < 16; ++i) {
            auto removed = m_runner.run(jumpArgs("-D", jump));
            if (!removed || removed->exitCode != 0)
                break;
        }
    }
    std::set<std::string> tables = {"nat", "filter"};
    for (const auto &jump : jumps)
        tables.insert(jump.table);
    auto found = kernelChains(tables);
    if (!found)
        return found.status();
    std::vector<IptablesTable> stale;
    for (const auto &[table, chains] : *found)
        stale.push_back(IptablesTable{table, {chains.begin(), chains.end()}, {}});
    if (!stale.empty()) {
        m_lastPayload = IptablesRuleSet{}.render(stale);
        auto restored = m_runner.check({m_tools.restore, "-w", "5", "--noflush"}, m_lastPayload);
        if (!restored && first.isOk())
            first = restored.status();
    }
    m_known.clear();
    m_applied.clear();
    m_synced = false;
    return first;
}

} // namespace cox::agent::network
