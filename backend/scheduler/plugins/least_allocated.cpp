#include "scheduler/plugins/least_allocated.h"

namespace cox::scheduler::plugins {
namespace {

int64_t freeShare(int64_t requested, int64_t capacity) {
    if (capacity <= 0 || requested > capacity)
        return 0;
    return (capacity - requested) * kMaxNodeScore / capacity;
}

} // namespace

int64_t LeastAllocated::score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const {
    int64_t cpu =
        freeShare(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu, node.allocatable().milliCpu);
    int64_t memory = freeShare(node.nonZeroMemory() + pod.nonZeroMemory, node.allocatable().memory);
    return (cpu + memory) / 2;
}

} // namespace cox::scheduler::plugins
