#include "network/iptables_applier.h"

#include <sstream>

namespace cox::agent::network {

IptablesApplier::IptablesApplier(CommandRunner runner, std::vector<std::string> ownedPrefixes)
    : m_runner(std::move(runner))
    , m_prefixes(std::move(ownedPrefixes)) {}

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
        auto saved = m_runner.check({"iptables-save", "-t", table});
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

Status IptablesApplier::apply(const IptablesRuleSet &rules) {
    std::set<std::string> tables;
    for (const auto &table : rules.tables)
        tables.insert(table.name);
    for (const auto &[table, chains] : m_known)
        tables.insert(table);
    if (!m_synced) {
        auto found = kernelChains(tables);
        if (!found)
            return found.status();
        m_known = std::move(*found);
    }
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
    m_lastPayload = rules.render(stale);
    auto restored = m_runner.check({"iptables-restore", "-w", "5", "--noflush"}, m_lastPayload);
    if (!restored) {
        // We no longer know what the kernel holds: read it again next time.
        m_synced = false;
        return restored.status();
    }
    m_known = std::move(declared);
    m_synced = true;
    for (const auto &jump : rules.jumps)
        if (auto status = ensureJump(jump); !status)
            return status;
    return Status::ok();
}

std::vector<std::string> IptablesApplier::jumpArgs(const char *op, const ChainJump &jump) const {
    std::vector<std::string> args = {"iptables", "-w", "5", "-t", jump.table, op, jump.chain};
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
        auto restored = m_runner.check({"iptables-restore", "-w", "5", "--noflush"}, m_lastPayload);
        if (!restored && first.isOk())
            first = restored.status();
    }
    m_known.clear();
    m_synced = false;
    return first;
}

} // namespace cox::agent::network
