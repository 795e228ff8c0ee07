// TopologyCounts: counters per topology domain (label value) for one topology key, looked up
// with the node's own label value so Filter and Score allocate nothing per node.
#pragma once

#include "scheduler/node_info.h"

#include <unordered_map>

namespace cox::scheduler::plugins {

struct TopologyCounts {
    std::string key;
    std::unordered_map<std::string, int64_t> byValue;

    void add(const NodeInfo &node, int64_t delta) {
        if (const std::string *value = node.label(key))
            byValue[*value] += delta;
    }
    // Count in the node's domain; 0 when the node lacks the key or the domain has nothing.
    int64_t at(const NodeInfo &node) const {
        const std::string *value = node.label(key);
        if (!value)
            return 0;
        auto it = byValue.find(*value);
        return it == byValue.end() ? 0 : it->second;
    }
};

// Returns the counts for `key`, creating them on first use.
inline TopologyCounts &countsFor(std::vector<TopologyCounts> &all, const std::string &key) {
    for (auto &counts : all)
        if (counts.key == key)
            return counts;
    all.push_back({key, {}});
    return all.back();
}

} // namespace cox::scheduler::plugins
