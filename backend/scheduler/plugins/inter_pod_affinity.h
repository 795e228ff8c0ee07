// InterPodAffinity: required pod affinity and anti-affinity as a filter (both the incoming pod's
// terms and, symmetrically, existing pods' anti-affinity against the incoming pod), preferred
// terms as a score. Topology domains are label values of the term's topologyKey
// (kubernetes.io/hostname, topology.kubernetes.io/zone, or any other node label).
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class InterPodAffinity final : public PreFilterPlugin, public FilterPlugin, public ScorePlugin {
public:
    static constexpr std::string_view kName = "InterPodAffinity";
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
