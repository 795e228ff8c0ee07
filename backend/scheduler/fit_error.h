// FailedScheduling text in Kubernetes' exact form:
//   "0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {k: v}."
// Each node contributes every reason of the plugin that rejected it; the "<count> <reason>"
// strings are sorted as plain strings, as Kubernetes' sort.Strings does.
#pragma once

#include "scheduler/framework.h"

namespace cox::scheduler {

// Why one node was rejected: the first plugin that said no, and its reasons.
struct NodeRejection {
    std::string node;
    std::string plugin;
    FilterVerdict verdict;
};

std::string failedSchedulingMessage(size_t totalNodes, const std::vector<NodeRejection> &rejected);

} // namespace cox::scheduler
