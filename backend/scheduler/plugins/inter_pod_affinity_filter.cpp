// Filter half of InterPodAffinity: PreFilter counts, per topology domain, the existing pods that
// match the incoming pod's required terms and the existing pods whose required anti-affinity
// matches the incoming pod; Filter then only looks up the node's domains.
#include "scheduler/plugins/inter_pod_affinity.h"

#include "scheduler/plugins/topology_counts.h"

namespace cox::scheduler::plugins {
namespace {

constexpr std::string_view kFilterKey = "InterPodAffinity/filter";

struct FilterState final : StateData {
    std::vector<TopologyCounts> existingAnti; // per topology key
    std::vector<TopologyCounts> affinity;     // parallel to pod.requiredAffinity
    std::vector<TopologyCounts> anti;         // parallel to pod.requiredAntiAffinity
    int64_t affinityMatches = 0;
};

void countExistingAnti(const PodInfo &pod, const NodeInfo &node, FilterState &state) {
    for (const auto &existing : node.pods()) {
        for (const auto &term : existing->requiredAntiAffinity) {
            if (term.selects(existing->ns, pod.ns, pod.labels))
                countsFor(state.existingAnti, term.topologyKey).add(node, 1);
        }
    }
}

void countIncoming(const PodInfo &pod, const NodeInfo &node, FilterState &state) {
    for (const auto &existing : node.pods()) {
        for (size_t i = 0; i < pod.requiredAffinity.size(); ++i) {
            if (pod.requiredAffinity[i].selects(pod.ns, existing->ns, existing->labels)) {
                state.affinity[i].add(node, 1);
                ++state.affinityMatches;
            }
        }
        for (size_t i = 0; i < pod.requiredAntiAffinity.size(); ++i) {
            if (pod.requiredAntiAffinity[i].selects(pod.ns, existing->ns, existing->labels))
                state.anti[i].add(node, 1);
        }
    }
}

bool affinitySatisfied(const PodInfo &pod, const NodeInfo &node, const FilterState &state) {
    bool all = true;
    for (const auto &counts : state.affinity)
        all = all && counts.at(node) > 0;
    if (all)
        return true;
    // The first pod of a group that selects itself may go anywhere with the topology keys,
    // otherwise a self-affine ReplicaSet could never start.
    if (state.affinityMatches > 0)
        return false;
    for (const auto &term : pod.requiredAffinity)
        if (!term.selects(pod.ns, pod.ns, pod.labels) || !node.label(term.topologyKey))
            return false;
    return true;
}

} // namespace

FilterVerdict InterPodAffinity::preFilter(CycleState &state, const PodInfo &pod,
                                          const Snapshot &snapshot) const {
    auto data = std::make_unique<FilterState>();
    for (const auto &term : pod.requiredAffinity)
        data->affinity.push_back({term.topologyKey, {}});
    for (const auto &term : pod.requiredAntiAffinity)
        data->anti.push_back({term.topologyKey, {}});
    bool ownTerms = !pod.requiredAffinity.empty() || !pod.requiredAntiAffinity.empty();
    for (const auto &node : snapshot.nodes()) {
        if (node->podsWithRequiredAntiAffinity() > 0)
            countExistingAnti(pod, *node, *data);
        if (ownTerms)
            countIncoming(pod, *node, *data);
    }
    state.put(kFilterKey, std::move(data));
    return FilterVerdict::fit();
}

FilterVerdict InterPodAffinity::filter(const CycleState &cycle, const PodInfo &pod,
                                       const NodeInfo &node) const {
    const auto *state = cycle.get<FilterState>(kFilterKey);
    if (!state)
        return FilterVerdict::fit();
    for (const auto &counts : state->existingAnti) {
        if (counts.at(node) > 0)
            return FilterVerdict::reject(
                "ExistingAntiAffinityRulesNotMatch",
                "node(s) didn't satisfy existing pods anti-affinity rules");
    }
    for (const auto &counts : state->anti) {
        if (counts.at(node) > 0)
            return FilterVerdict::reject("AntiAffinityRulesNotMatch",
                                         "node(s) didn't match pod anti-affinity rules");
    }
    if (!pod.requiredAffinity.empty() && !affinitySatisfied(pod, node, *state))
        return FilterVerdict::reject("AffinityRulesNotMatch",
                                     "node(s) didn't match pod affinity rules",
                                     FitCode::Unresolvable);
    return FilterVerdict::fit();
}

} // namespace cox::scheduler::plugins
