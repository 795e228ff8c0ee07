// The steps of one scheduling cycle shared by schedule() and explain(): PreFilter, Filter on one
// node, and Score over the feasible nodes. Internal to the scheduler library.
#pragma once

#include "scheduler/fit_error.h"
#include "scheduler/profile.h"

#include <optional>

namespace cox::scheduler::detail {

// The first PreFilter rejection, if any.
std::optional<NodeRejection> runPreFilters(CycleState &state, const PodInfo &pod,
                                           const Snapshot &snapshot, const Profile &profile);

// Filters one node. With `all` false, stops at the first rejecting plugin (what the scheduler
// records); with `all` true, collects every plugin's reasons (what explain() shows).
std::vector<NodeRejection> runFilters(const CycleState &state, const PodInfo &pod,
                                      const NodeInfo &node, const Profile &profile, bool all);

struct ScoreTable {
    std::vector<std::vector<int64_t>> byPlugin; // [score plugin][feasible node], 0..100
    std::vector<int64_t> totals;                // weighted sum per feasible node
};

ScoreTable runScores(CycleState &state, const PodInfo &pod, const Snapshot &snapshot,
                     const Profile &profile, NodeSpan feasible);

} // namespace cox::scheduler::detail
