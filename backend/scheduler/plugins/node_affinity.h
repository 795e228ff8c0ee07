// NodeAffinity: filters on spec.nodeSelector and required node affinity; scores the summed
// weights of matching preferred node-affinity terms.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

// Shared with PodTopologySpread, which only counts nodes the pod could land on.
bool podMatchesNodeSelectorAndAffinity(const PodInfo &pod, const NodeInfo &node);

class NodeAffinity final : public FilterPlugin, public ScorePlugin {
public:
    static constexpr std::string_view kName = "NodeAffinity";
    std::string_view name() const override { return kName; }
    FilterVerdict filter(const CycleState &, const PodInfo &pod,
                         const NodeInfo &node) const override;
    bool preScore(CycleState &, const PodInfo &pod, const Snapshot &, NodeSpan) const override;
    int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override;
    void normalize(const CycleState &, const PodInfo &, NodeSpan,
                   std::span<int64_t> scores) const override;
};

} // namespace cox::scheduler::plugins
