#include "scheduler/plugins/selector_spread.h"

#include <algorithm>
#include <unordered_map>

namespace cox::scheduler::plugins {

bool SelectorSpread::preScore(CycleState &, const PodInfo &pod, const Snapshot &, NodeSpan) const {
    return !pod.ownerKey.empty();
}

int64_t SelectorSpread::score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const {
    int64_t siblings = 0;
    for (const auto &existing : node.pods())
        siblings += existing->ownerKey == pod.ownerKey && existing->ns == pod.ns ? 1 : 0;
    return siblings;
}

void SelectorSpread::normalize(const CycleState &, const PodInfo &, NodeSpan nodes,
                               std::span<int64_t> scores) const {
    std::unordered_map<std::string_view, int64_t> byZone;
    int64_t maxByNode = 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
        maxByNode = std::max(maxByNode, scores[i]);
        if (const std::string *zone = nodes[i]->label(kLabelZone))
            byZone[*zone] += scores[i];
    }
    int64_t maxByZone = 0;
    for (const auto &[zone, count] : byZone)
        maxByZone = std::max(maxByZone, count);
    constexpr double kZoneWeighting = 2.0 / 3.0;
    for (size_t i = 0; i < nodes.size(); ++i) {
        double score = kMaxNodeScore;
        if (maxByNode > 0)
            score = static_cast<double>(kMaxNodeScore * (maxByNode - scores[i])) / maxByNode;
        const std::string *zone = nodes[i]->label(kLabelZone);
        if (zone && maxByZone > 0) {
            double zoneScore =
                static_cast<double>(kMaxNodeScore * (maxByZone - byZone[*zone])) / maxByZone;
            score = score * (1 - kZoneWeighting) + kZoneWeighting * zoneScore;
        }
        scores[i] = static_cast<int64_t>(score);
    }
}

} // namespace cox::scheduler::plugins
