// NodeResourcesBalancedAllocation score: prefers nodes whose cpu and memory utilisation stay
// close to each other after placing the pod, so neither resource strands the other.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class BalancedAllocation final : public ScorePlugin {
public:
    static constexpr std::string_view kName = "NodeResourcesBalancedAllocation";
    std::string_view name() const override { return kName; }
    int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override;
};

} // namespace cox::scheduler::plugins
