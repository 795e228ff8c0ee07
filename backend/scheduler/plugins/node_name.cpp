#include "scheduler/plugins/node_name.h"

namespace cox::scheduler::plugins {

FilterVerdict NodeName::filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const {
    if (pod.nodeName.empty() || pod.nodeName == node.name())
        return FilterVerdict::fit();
    return FilterVerdict::reject("NodeNameMismatch", "node(s) didn't match the requested node name",
                                 FitCode::Unresolvable);
}

} // namespace cox::scheduler::plugins
