// SelectorSpread score: spreads pods of the same controller (ownerReference with
// controller=true, e.g. one ReplicaSet) over nodes and, when nodes carry
// topology.kubernetes.io/zone, over zones (zones weigh 2/3, as in Kubernetes).
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class SelectorSpread final : public ScorePlugin {
public:
    static constexpr std::string_view kName = "SelectorSpread";
    std::string_view name() const override { return kName; }
    bool preScore(CycleState &, const PodInfo &pod, const Snapshot &, NodeSpan) const override;
    int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override;
    void normalize(const CycleState &, const PodInfo &, NodeSpan nodes,
                   std::span<int64_t> scores) const override;
};

} // namespace cox::scheduler::plugins
