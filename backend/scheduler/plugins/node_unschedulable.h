// NodeUnschedulable filter: a cordoned node (spec.unschedulable) takes only pods tolerating
// node.kubernetes.io/unschedulable:NoSchedule.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class NodeUnschedulable final : public FilterPlugin {
public:
    static constexpr std::string_view kName = "NodeUnschedulable";
    std::string_view name() const override { return kName; }
    FilterVerdict filter(const CycleState &, const PodInfo &pod,
                         const NodeInfo &node) const override;
};

} // namespace cox::scheduler::plugins
