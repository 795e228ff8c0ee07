#include "scheduler/plugins/pod_topology_spread.h"

#include "scheduler/plugins/node_affinity.h"
#include "scheduler/plugins/topology_counts.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cox::scheduler::plugins {
namespace {

constexpr std::string_view kFilterKey = "PodTopologySpread/filter";
constexpr std::string_view kScoreKey = "PodTopologySpread/score";

struct SpreadState final : StateData {
    std::vector<const SpreadConstraint *> constraints;
    std::vector<TopologyCounts> counts; // parallel to constraints
    std::vector<int64_t> minimum;       // fewest matching pods in any domain
};

bool hasAllKeys(const NodeInfo &node, const std::vector<const SpreadConstraint *> &constraints) {
    return std::all_of(constraints.begin(), constraints.end(),
                       [&](const SpreadConstraint *c) { return node.label(c->topologyKey); });
}

int64_t matchingPods(const PodInfo &pod, const NodeInfo &node, const SpreadConstraint &c) {
    int64_t count = 0;
    for (const auto &existing : node.pods())
        count += existing->ns == pod.ns && c.selector.matches(existing->labels) ? 1 : 0;
    return count;
}

// Counts matching pods per domain over every eligible node of the snapshot.
std::unique_ptr<SpreadState> countDomains(const PodInfo &pod, const Snapshot &snapshot,
                                          bool doNotSchedule) {
    auto state = std::make_unique<SpreadState>();
    for (const auto &c : pod.spreadConstraints) {
        if (c.doNotSchedule == doNotSchedule) {
            state->constraints.push_back(&c);
            state->counts.push_back({c.topologyKey, {}});
        }
    }
    if (state->constraints.empty())
        return nullptr;
    for (const auto &node : snapshot.nodes()) {
        if (!hasAllKeys(*node, state->constraints) ||
            !podMatchesNodeSelectorAndAffinity(pod, *node))
            continue;
        for (size_t i = 0; i < state->constraints.size(); ++i)
            state->counts[i].add(*node, matchingPods(pod, *node, *state->constraints[i]));
    }
    for (const auto &counts : state->counts) {
        int64_t min = counts.byValue.empty() ? 0 : std::numeric_limits<int64_t>::max();
        for (const auto &[value, count] : counts.byValue)
            min = std::min(min, count);
        state->minimum.push_back(min);
    }
    return state;
}

} // namespace

FilterVerdict PodTopologySpread::preFilter(CycleState &cycle, const PodInfo &pod,
                                           const Snapshot &snapshot) const {
    if (auto state = countDomains(pod, snapshot, true))
        cycle.put(kFilterKey, std::move(state));
    return FilterVerdict::fit();
}

FilterVerdict PodTopologySpread::filter(const CycleState &cycle, const PodInfo &pod,
                                        const NodeInfo &node) const {
    const auto *state = cycle.get<SpreadState>(kFilterKey);
    if (!state)
        return FilterVerdict::fit();
    for (size_t i = 0; i < state->constraints.size(); ++i) {
        const SpreadConstraint &c = *state->constraints[i];
        if (!node.label(c.topologyKey))
            return FilterVerdict::reject(
                "NodeLabelNotMatch",
                "node(s) didn't match pod topology spread constraints (missing required label)",
                FitCode::Unresolvable);
        int64_t self = c.selector.matches(pod.labels) ? 1 : 0;
        int64_t skew = state->counts[i].at(node) + self - state->minimum[i];
        if (skew > c.maxSkew)
            return FilterVerdict::reject("TopologySpreadConstraintsNotMatch",
                                         "node(s) didn't match pod topology spread constraints");
    }
    return FilterVerdict::fit();
}

bool PodTopologySpread::preScore(CycleState &cycle, const PodInfo &pod, const Snapshot &snapshot,
                                 NodeSpan) const {
    auto state = countDomains(pod, snapshot, false);
    if (!state)
        return false;
    cycle.put(kScoreKey, std::move(state));
    return true;
}

int64_t PodTopologySpread::score(const CycleState &cycle, const PodInfo &,
                                 const NodeInfo &node) const {
    const auto *state = cycle.get<SpreadState>(kScoreKey);
    if (!hasAllKeys(node, state->constraints))
        return -1; // marks "not comparable": scored 0 after normalisation
    double sum = 0;
    for (size_t i = 0; i < state->constraints.size(); ++i) {
        // More domains weigh more: a skew over 3 zones matters less than over 100 hosts.
        double weight = std::log(static_cast<double>(state->counts[i].byValue.size()) + 2);
        sum += static_cast<double>(state->counts[i].at(node) + state->constraints[i]->maxSkew - 1) *
               weight;
    }
    return static_cast<int64_t>(std::lround(sum * 1000)); // keep precision for normalize
}

void PodTopologySpread::normalize(const CycleState &, const PodInfo &, NodeSpan,
                                  std::span<int64_t> scores) const {
    int64_t min = std::numeric_limits<int64_t>::max();
    int64_t max = 0;
    for (int64_t s : scores) {
        if (s < 0)
            continue;
        min = std::min(min, s);
        max = std::max(max, s);
    }
    for (int64_t &s : scores) {
        if (s < 0)
            s = 0;
        else
            s = max == 0 ? kMaxNodeScore : kMaxNodeScore * (max + min - s) / max;
    }
}

} // namespace cox::scheduler::plugins
