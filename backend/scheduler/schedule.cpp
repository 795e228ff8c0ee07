#include "scheduler/schedule.h"

#include "scheduler/cycle_steps.h"

namespace cox::scheduler {
namespace {

uint64_t splitmix64(uint64_t &state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

ScheduleResult unschedulable(size_t total, std::vector<NodeRejection> rejected) {
    ScheduleResult result;
    result.evaluatedNodes = total;
    result.message = failedSchedulingMessage(total, rejected);
    result.rejected = std::move(rejected);
    return result;
}

// Highest total wins; among equal totals each has the same chance, drawn from `seed`
// (reservoir sampling over the ties, as Kubernetes' selectHost does with its own RNG).
size_t pickHost(const std::vector<int64_t> &totals, uint64_t seed) {
    size_t best = 0;
    uint64_t ties = 1;
    uint64_t rng = seed;
    for (size_t i = 1; i < totals.size(); ++i) {
        if (totals[i] < totals[best])
            continue;
        if (totals[i] > totals[best]) {
            best = i;
            ties = 1;
            continue;
        }
        ++ties;
        if (splitmix64(rng) % ties == 0)
            best = i;
    }
    return best;
}

} // namespace

ScheduleResult schedule(const PodInfo &pod, const Snapshot &snapshot, const Profile &profile,
                        uint64_t seed) {
    const size_t total = snapshot.size();
    CycleState state;
    if (auto rejection = detail::runPreFilters(state, pod, snapshot, profile)) {
        std::vector<NodeRejection> all;
        for (const auto &node : snapshot.nodes())
            all.push_back({node->name(), rejection->plugin, rejection->verdict});
        return unschedulable(total, std::move(all));
    }
    const size_t wanted = profile.feasibleNodesToFind(total);
    std::vector<const NodeInfo *> feasible;
    feasible.reserve(std::min(wanted, total));
    std::vector<NodeRejection> rejected;
    uint64_t mixed = seed;
    const size_t start = total ? splitmix64(mixed) % total : 0;
    size_t evaluated = 0;
    for (; evaluated < total && feasible.size() < wanted; ++evaluated) {
        const NodeInfo &node = snapshot.node((start + evaluated) % total);
        auto rejections = detail::runFilters(state, pod, node, profile, false);
        if (rejections.empty())
            feasible.push_back(&node);
        else
            rejected.push_back(std::move(rejections.front()));
    }
    if (feasible.empty())
        return unschedulable(total, std::move(rejected));

    ScheduleResult result;
    result.evaluatedNodes = evaluated;
    result.feasibleNodes = feasible.size();
    if (feasible.size() == 1) {
        result.nodeName = feasible.front()->name();
        return result;
    }
    auto table = detail::runScores(state, pod, snapshot, profile, feasible);
    size_t best = pickHost(table.totals, splitmix64(mixed));
    result.nodeName = feasible[best]->name();
    result.score = table.totals[best];
    return result;
}

} // namespace cox::scheduler
