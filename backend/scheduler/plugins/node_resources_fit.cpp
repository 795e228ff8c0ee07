#include "scheduler/plugins/node_resources_fit.h"

namespace cox::scheduler::plugins {
namespace {

void addShortage(FilterVerdict &verdict, std::string message) {
    verdict.code = FitCode::Unschedulable;
    verdict.reasons.push_back({"InsufficientResource", std::move(message)});
}

} // namespace

FilterVerdict NodeResourcesFit::filter(const CycleState &, const PodInfo &pod,
                                       const NodeInfo &node) const {
    FilterVerdict verdict;
    const Resources &allocatable = node.allocatable();
    const Resources &requested = node.requested();
    if (static_cast<int64_t>(node.pods().size()) + 1 > allocatable.pods)
        addShortage(verdict, "Too many pods");
    const Resources &want = pod.requests;
    if (want.milliCpu > 0 && allocatable.milliCpu < requested.milliCpu + want.milliCpu)
        addShortage(verdict, "Insufficient cpu");
    if (want.memory > 0 && allocatable.memory < requested.memory + want.memory)
        addShortage(verdict, "Insufficient memory");
    for (const auto &[name, amount] : want.scalars) {
        if (amount > 0 && allocatable.scalar(name) < requested.scalar(name) + amount)
            addShortage(verdict, "Insufficient " + name);
    }
    return verdict;
}

} // namespace cox::scheduler::plugins
