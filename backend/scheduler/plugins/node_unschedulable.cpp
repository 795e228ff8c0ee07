#include "scheduler/plugins/node_unschedulable.h"

namespace cox::scheduler::plugins {

FilterVerdict NodeUnschedulable::filter(const CycleState &, const PodInfo &pod,
                                        const NodeInfo &node) const {
    if (!node.unschedulable())
        return FilterVerdict::fit();
    static const Taint cordon{kTaintUnschedulable, "", TaintEffect::NoSchedule};
    if (toleratesTaint(pod.tolerations, cordon))
        return FilterVerdict::fit();
    return FilterVerdict::reject("NodeUnschedulable", "node(s) were unschedulable",
                                 FitCode::Unresolvable);
}

} // namespace cox::scheduler::plugins
