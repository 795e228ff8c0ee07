// Runs one plugin by registry name over a small snapshot, the way a scheduling cycle would.
#pragma once

#include "builders.h"

#include "scheduler/registry.h"

namespace cox::scheduler::testing {

// PreFilter (if any) over the snapshot, then Filter on node `nodeName`.
inline FilterVerdict runFilter(const std::string &plugin, const PodInfo &pod,
                               const Snapshot &snapshot, const std::string &nodeName) {
    auto created = Registry::builtIn().create(plugin);
    EXPECT_TRUE(created.isOk());
    CycleState state;
    if (auto pre = dynamic_cast<const PreFilterPlugin *>(created->get())) {
        FilterVerdict verdict = pre->preFilter(state, pod, snapshot);
        if (!verdict.fits())
            return verdict;
    }
    auto filter = dynamic_cast<const FilterPlugin *>(created->get());
    EXPECT_NE(filter, nullptr) << plugin << " is not a filter";
    const NodeInfo *node = snapshot.find(nodeName);
    EXPECT_NE(node, nullptr);
    return filter->filter(state, pod, *node);
}

inline FilterVerdict runFilter(const std::string &plugin, const PodInfo &pod,
                               const NodeInfo &node) {
    return runFilter(plugin, pod, Snapshot::fromNodes({node}), node.name());
}

// Normalised 0..100 scores of every node of the snapshot, in snapshot order.
inline std::vector<int64_t> runScore(const std::string &plugin, const PodInfo &pod,
                                     const Snapshot &snapshot) {
    auto created = Registry::builtIn().create(plugin);
    EXPECT_TRUE(created.isOk());
    auto score = dynamic_cast<const ScorePlugin *>(created->get());
    EXPECT_NE(score, nullptr) << plugin << " is not a score plugin";
    std::vector<const NodeInfo *> nodes;
    for (const auto &node : snapshot.nodes())
        nodes.push_back(node.get());
    std::vector<int64_t> scores(nodes.size(), 0);
    CycleState state;
    if (!score->preScore(state, pod, snapshot, nodes))
        return scores;
    for (size_t i = 0; i < nodes.size(); ++i)
        scores[i] = score->score(state, pod, *nodes[i]);
    score->normalize(state, pod, nodes, scores);
    return scores;
}

inline std::string messages(const FilterVerdict &verdict) {
    std::string out;
    for (const auto &reason : verdict.reasons)
        out += (out.empty() ? "" : "; ") + reason.message;
    return out;
}

} // namespace cox::scheduler::testing
