// NodeName filter: a pod naming a node in spec.nodeName fits only that node.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class NodeName final : public FilterPlugin {
public:
    static constexpr std::string_view kName = "NodeName";
    std::string_view name() const override { return kName; }
    FilterVerdict filter(const CycleState &, const PodInfo &pod,
                         const NodeInfo &node) const override;
};

} // namespace cox::scheduler::plugins
