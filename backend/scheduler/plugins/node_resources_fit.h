// NodeResourcesFit filter: the pod's requests must fit in the node's allocatable minus what the
// pods already there request - cpu, memory, pod count and every other requested scalar.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class NodeResourcesFit final : public FilterPlugin {
public:
    static constexpr std::string_view kName = "NodeResourcesFit";
    std::string_view name() const override { return kName; }
    // One reason per short resource: "Too many pods", "Insufficient cpu", "Insufficient memory",
    // "Insufficient <resource>".
    FilterVerdict filter(const CycleState &, const PodInfo &pod,
                         const NodeInfo &node) const override;
};

} // namespace cox::scheduler::plugins
