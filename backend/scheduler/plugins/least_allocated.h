// NodeResourcesLeastAllocated score: prefers nodes with the most cpu and memory left after
// placing the pod (equal weights). Uses the non-zero requests (100m / 200Mi for pods that
// request nothing) so best-effort pods still spread.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class LeastAllocated final : public ScorePlugin {
public:
    static constexpr std::string_view kName = "NodeResourcesLeastAllocated";
    std::string_view name() const override { return kName; }
    int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override;
};

} // namespace cox::scheduler::plugins
