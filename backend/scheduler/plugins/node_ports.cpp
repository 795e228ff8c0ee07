#include "scheduler/plugins/node_ports.h"

namespace cox::scheduler::plugins {

FilterVerdict NodePorts::filter(const CycleState &, const PodInfo &pod,
                                const NodeInfo &node) const {
    for (const auto &wanted : pod.hostPorts) {
        for (const auto &used : node.usedPorts()) {
            if (wanted.conflicts(used))
                return FilterVerdict::reject(
                    "NodePortConflict",
                    "node(s) didn't have free ports for the requested pod ports");
        }
    }
    return FilterVerdict::fit();
}

} // namespace cox::scheduler::plugins
