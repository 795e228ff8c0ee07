// TaintToleration: filters out nodes with a NoSchedule/NoExecute taint the pod does not
// tolerate (including the not-ready/unreachable taints of failed nodes); scores fewer
// untolerated PreferNoSchedule taints higher.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler::plugins {

class TaintToleration final : public FilterPlugin, public ScorePlugin {
public:
    static constexpr std::string_view kName = "TaintToleration";
    std::string_view name() const override { return kName; }
    FilterVerdict filter(const CycleState &, const PodInfo &pod,
                         const NodeInfo &node) const override;
    int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override;
    void normalize(const CycleState &, const PodInfo &, NodeSpan,
                   std::span<int64_t> scores) const override;
};

} // namespace cox::scheduler::plugins
