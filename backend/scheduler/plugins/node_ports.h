// NodePorts filter: a pod asking for a host port fits only where no pod already holds the same
// port and protocol on an overlapping address (0.0.0.0 overlaps every address).
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class NodePorts final : public FilterPlugin {
public:
    static constexpr std::string_view kName = "NodePorts";
    std::string_view name() const override { return kName; }
    FilterVerdict filter(const CycleState &, const PodInfo &pod,
                         const NodeInfo &node) const override;
};

} // namespace cox::scheduler::plugins
