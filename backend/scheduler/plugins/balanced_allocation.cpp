#include "scheduler/plugins/balanced_allocation.h"

#include <algorithm>
#include <cmath>

namespace cox::scheduler::plugins {
namespace {

double fraction(int64_t requested, int64_t capacity) {
    if (capacity <= 0)
        return 1.0;
    return std::min(1.0, static_cast<double>(requested) / static_cast<double>(capacity));
}

} // namespace

int64_t BalancedAllocation::score(const CycleState &, const PodInfo &pod,
                                  const NodeInfo &node) const {
    double cpu =
        fraction(node.requested().milliCpu + pod.requests.milliCpu, node.allocatable().milliCpu);
    double memory =
        fraction(node.requested().memory + pod.requests.memory, node.allocatable().memory);
    // Standard deviation of two values is half their distance (Kubernetes 1.26+ formula).
    double deviation = std::abs(cpu - memory) / 2;
    return static_cast<int64_t>((1 - deviation) * kMaxNodeScore);
}

} // namespace cox::scheduler::plugins
