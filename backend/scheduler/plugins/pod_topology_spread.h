// PodTopologySpread: topologySpreadConstraints. DoNotSchedule constraints filter out nodes where
// placing the pod would make (matching pods in the node's domain + 1) - (fewest in any domain)
// exceed maxSkew; ScheduleAnyway constraints score emptier domains higher. Only nodes the pod's
// nodeSelector/affinity admit count as domains (nodeAffinityPolicy: Honor).
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class PodTopologySpread final : public PreFilterPlugin, public FilterPlugin, public ScorePlugin {
public:
    static constexpr std::string_view kName = "PodTopologySpread";
    std::string_view name() const override { return kName; }

    FilterVerdict preFilter(CycleState &state, const PodInfo &pod,
                            const Snapshot &snapshot) const override;
    FilterVerdict filter(const CycleState &state, const PodInfo &pod,
                         const NodeInfo &node) const override;

    bool preScore(CycleState &state, const PodInfo &pod, const Snapshot &snapshot,
                  NodeSpan feasible) const override;
    int64_t score(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const override;
    void normalize(const CycleState &, const PodInfo &, NodeSpan,
                   std::span<int64_t> scores) const override;
};

} // namespace cox::scheduler::plugins
