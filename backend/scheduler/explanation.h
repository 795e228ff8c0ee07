// Explanation: the verdict of every node for one pod - what the console's drag overlay and its
// "why is this pod pending" panel show. Unlike schedule(), explain() runs every filter on every
// node (all reasons, not just the first) and scores every feasible node.
//
// toJson() shape:
// {
//   "pod": "default/web-1",
//   "feasibleNodes": 3, "totalNodes": 5,
//   "bestNode": "node-2",                       // "" when none fits
//   "message": "0/5 nodes are available: ...",  // "" when some node fits
//   "nodes": [                                  // snapshot order
//     {"name": "node-1", "fits": false,
//      "reasons": [{"plugin": "NodeResourcesFit", "reason": "InsufficientResource",
//                   "message": "Insufficient cpu"}],
//      "scores": {}, "total": null},
//     {"name": "node-2", "fits": true, "reasons": [],
//      "scores": {"TaintToleration": {"score": 100, "weight": 3}, ...}, "total": 612}
//   ]
// }
#pragma once

#include "scheduler/profile.h"

namespace cox::scheduler {

struct ExplainedReason {
    std::string plugin;
    std::string reason; // stable code, e.g. "InsufficientResource"
    std::string message;
};

struct PluginScore {
    std::string plugin;
    int64_t score = 0; // normalised 0..100, before the weight
    int32_t weight = 0;
};

struct NodeExplanation {
    std::string name;
    bool fits = false;
    std::vector<ExplainedReason> reasons;
    std::vector<PluginScore> scores; // empty when the node does not fit
    int64_t total = 0;
};

struct Explanation {
    std::string pod;
    std::vector<NodeExplanation> nodes;
    size_t feasibleNodes = 0;
    std::string bestNode; // highest total, ties to the smallest name
    std::string message;  // FailedScheduling text when nothing fits

    model::Json toJson() const;
};

Explanation explain(const PodInfo &pod, const Snapshot &snapshot, const Profile &profile);

} // namespace cox::scheduler
