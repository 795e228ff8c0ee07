#include "network/iptables_rule_set.h"

namespace cox::agent::network {

IptablesTable &IptablesRuleSet::table(const std::string &name) {
    for (auto &table : tables)
        if (table.name == name)
            return table;
    tables.push_back(IptablesTable{name, {}, {}});
    return tables.back();
}

const IptablesTable *IptablesRuleSet::findTable(const std::string &name) const {
    for (const auto &table : tables)
        if (table.name == name)
            return &table;
    return nullptr;
}

std::string IptablesRuleSet::render(const std::vector<IptablesTable> &deleteChains) const {
    std::vector<std::string> names;
    for (const auto &table : tables)
        names.push_back(table.name);
    for (const auto &table : deleteChains)
        if (!findTable(table.name) && !table.chains.empty())
            names.push_back(table.name);
    std::string text;
    text.reserve(64 * ruleCount() + 256);
    for (const auto &name : names) {
        const IptablesTable *ours = findTable(name);
        const IptablesTable *stale = nullptr;
        for (const auto &table : deleteChains)
            if (table.name == name)
                stale = &table;
        text += "*" + name + "\n";
        if (ours)
            for (const auto &chain : ours->chains)
                text += ":" + chain + " - [0:0]\n";
        // A stale chain is declared (flushed) first so nothing in it blocks the -X.
        if (stale)
            for (const auto &chain : stale->chains)
                text += ":" + chain + " - [0:0]\n";
        if (ours)
            for (const auto &rule : ours->rules) {
                text += rule;
                text += '\n';
            }
        if (stale)
            for (const auto &chain : stale->chains)
                text += "-X " + chain + "\n";
        text += "COMMIT\n";
    }
    return text;
}

size_t IptablesRuleSet::ruleCount() const {
    size_t count = 0;
    for (const auto &table : tables)
        count += table.rules.size();
    return count;
}

} // namespace cox::agent::network
