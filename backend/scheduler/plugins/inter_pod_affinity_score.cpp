// Score half of InterPodAffinity: sums, per topology domain, the weights of the incoming pod's
// preferred (anti-)affinity terms matched by existing pods, plus existing pods' preferred terms
// (and required affinity, weight 1) matched by the incoming pod - the symmetric part.
#include "scheduler/plugins/inter_pod_affinity.h"

#include "scheduler/plugins/topology_counts.h"

#include <algorithm>

namespace cox::scheduler::plugins {
namespace {

constexpr std::string_view kScoreKey = "InterPodAffinity/score";
constexpr int64_t kHardAffinityWeight = 1; // Kubernetes' hardPodAffinityWeight default

struct ScoreState final : StateData {
    std::vector<TopologyCounts> byKey;
};

void addTerms(const std::vector<PodAffinityTerm> &terms, int sign, const PodInfo &owner,
              const PodInfo &target, const NodeInfo &node, ScoreState &state,
              int64_t fixedWeight = 0) {
    for (const auto &term : terms) {
        if (term.selects(owner.ns, target.ns, target.labels))
            countsFor(state.byKey, term.topologyKey)
                .add(node, sign * (fixedWeight ? fixedWeight : term.weight));
    }
}

void scoreNode(const PodInfo &pod, const NodeInfo &node, bool ownTerms, ScoreState &state) {
    for (const auto &existing : node.pods()) {
        if (ownTerms) {
            addTerms(pod.preferredAffinity, +1, pod, *existing, node, state);
            addTerms(pod.preferredAntiAffinity, -1, pod, *existing, node, state);
        }
        if (!existing->hasAffinity())
            continue;
        addTerms(existing->preferredAffinity, +1, *existing, pod, node, state);
        addTerms(existing->preferredAntiAffinity, -1, *existing, pod, node, state);
        addTerms(existing->requiredAffinity, +1, *existing, pod, node, state, kHardAffinityWeight);
    }
}

} // namespace

bool InterPodAffinity::preScore(CycleState &cycle, const PodInfo &pod, const Snapshot &snapshot,
                                NodeSpan) const {
    bool ownTerms = !pod.preferredAffinity.empty() || !pod.preferredAntiAffinity.empty();
    auto state = std::make_unique<ScoreState>();
    for (const auto &node : snapshot.nodes()) {
        if (ownTerms || node->podsWithAffinity() > 0)
            scoreNode(pod, *node, ownTerms, *state);
    }
    if (state->byKey.empty())
        return false;
    cycle.put(kScoreKey, std::move(state));
    return true;
}

int64_t InterPodAffinity::score(const CycleState &cycle, const PodInfo &,
                                const NodeInfo &node) const {
    const auto *state = cycle.get<ScoreState>(kScoreKey);
    int64_t sum = 0;
    for (const auto &counts : state->byKey)
        sum += counts.at(node);
    return sum;
}

void InterPodAffinity::normalize(const CycleState &, const PodInfo &, NodeSpan,
                                 std::span<int64_t> scores) const {
    if (scores.empty())
        return;
    auto [min, max] = std::minmax_element(scores.begin(), scores.end());
    int64_t low = *min;
    int64_t range = *max - low;
    for (int64_t &s : scores)
        s = range > 0 ? kMaxNodeScore * (s - low) / range : 0;
}

} // namespace cox::scheduler::plugins
