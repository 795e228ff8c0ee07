#include "scheduler/plugins/node_affinity.h"

namespace cox::scheduler::plugins {

bool podMatchesNodeSelectorAndAffinity(const PodInfo &pod, const NodeInfo &node) {
    for (const auto &[key, value] : pod.nodeSelector) {
        const std::string *have = node.label(key);
        if (!have || *have != value)
            return false;
    }
    if (!pod.requiredNodeAffinity)
        return true;
    for (const auto &term : *pod.requiredNodeAffinity)
        if (term.matches(node.labels(), node.name()))
            return true;
    return false;
}

FilterVerdict NodeAffinity::filter(const CycleState &, const PodInfo &pod,
                                   const NodeInfo &node) const {
    if (podMatchesNodeSelectorAndAffinity(pod, node))
        return FilterVerdict::fit();
    return FilterVerdict::reject("NodeAffinityMismatch",
                                 "node(s) didn't match Pod's node affinity/selector",
                                 FitCode::Unresolvable);
}

bool NodeAffinity::preScore(CycleState &, const PodInfo &pod, const Snapshot &, NodeSpan) const {
    return !pod.preferredNodeAffinity.empty();
}

int64_t NodeAffinity::score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const {
    int64_t sum = 0;
    for (const auto &preferred : pod.preferredNodeAffinity)
        if (preferred.weight > 0 && preferred.term.matches(node.labels(), node.name()))
            sum += preferred.weight;
    return sum;
}

void NodeAffinity::normalize(const CycleState &, const PodInfo &, NodeSpan,
                             std::span<int64_t> scores) const {
    normalizeByMax(scores, false);
}

} // namespace cox::scheduler::plugins
