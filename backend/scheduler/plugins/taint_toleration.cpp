#include "scheduler/plugins/taint_toleration.h"

namespace cox::scheduler::plugins {

FilterVerdict TaintToleration::filter(const CycleState &, const PodInfo &pod,
                                      const NodeInfo &node) const {
    for (const auto &taint : node.taints()) {
        if (taint.effect == TaintEffect::PreferNoSchedule)
            continue;
        if (toleratesTaint(pod.tolerations, taint))
            continue;
        return FilterVerdict::reject("UntoleratedTaint",
                                     "node(s) had untolerated taint " + taint.describe(),
                                     FitCode::Unresolvable);
    }
    return FilterVerdict::fit();
}

int64_t TaintToleration::score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const {
    int64_t untolerated = 0;
    for (const auto &taint : node.taints()) {
        if (taint.effect != TaintEffect::PreferNoSchedule)
            continue;
        // Only tolerations that apply to PreferNoSchedule count, as in Kubernetes.
        bool tolerated = false;
        for (const auto &toleration : pod.tolerations)
            tolerated = tolerated || toleration.tolerates(taint);
        untolerated += tolerated ? 0 : 1;
    }
    return untolerated;
}

void TaintToleration::normalize(const CycleState &, const PodInfo &, NodeSpan,
                                std::span<int64_t> scores) const {
    normalizeByMax(scores, true);
}

} // namespace cox::scheduler::plugins
