// schedule(): the scheduling decision as a pure function of the pod, an immutable snapshot, a
// profile and a seed - the same inputs always give the same node (Nomad's approach), so a
// decision can be replayed and explained.
#pragma once

#include "scheduler/fit_error.h"
#include "scheduler/profile.h"

namespace cox::scheduler {

struct ScheduleResult {
    std::string nodeName; // empty when no node fits
    int64_t score = 0;    // weighted total of the chosen node
    size_t evaluatedNodes = 0;
    size_t feasibleNodes = 0;
    // Filled when no node fits: one entry per node, the first plugin that rejected it.
    std::vector<NodeRejection> rejected;
    // FailedScheduling event text when no node fits.
    std::string message;

    bool scheduled() const { return !nodeName.empty(); }
};

// Filters nodes starting at an offset derived from `seed` until the profile's share of feasible
// nodes is found (every node when none fits), scores the feasible ones and picks the highest
// total; equal totals are broken by `seed`.
ScheduleResult schedule(const PodInfo &pod, const Snapshot &snapshot, const Profile &profile,
                        uint64_t seed);

} // namespace cox::scheduler
