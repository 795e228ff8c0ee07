#include "scheduler/cycle_steps.h"

#include <algorithm>

namespace cox::scheduler::detail {

std::optional<NodeRejection> runPreFilters(CycleState &state, const PodInfo &pod,
                                           const Snapshot &snapshot, const Profile &profile) {
    for (const PreFilterPlugin *plugin : profile.preFilters()) {
        FilterVerdict verdict = plugin->preFilter(state, pod, snapshot);
        if (!verdict.fits())
            return NodeRejection{"", std::string(plugin->name()), std::move(verdict)};
    }
    return std::nullopt;
}

std::vector<NodeRejection> runFilters(const CycleState &state, const PodInfo &pod,
                                      const NodeInfo &node, const Profile &profile, bool all) {
    std::vector<NodeRejection> out;
    for (const FilterPlugin *plugin : profile.filters()) {
        FilterVerdict verdict = plugin->filter(state, pod, node);
        if (verdict.fits())
            continue;
        out.push_back({node.name(), std::string(plugin->name()), std::move(verdict)});
        if (!all)
            break;
    }
    return out;
}

ScoreTable runScores(CycleState &state, const PodInfo &pod, const Snapshot &snapshot,
                     const Profile &profile, NodeSpan feasible) {
    ScoreTable table;
    table.totals.assign(feasible.size(), 0);
    for (const auto &[plugin, weight] : profile.scores()) {
        std::vector<int64_t> scores(feasible.size(), 0);
        if (plugin->preScore(state, pod, snapshot, feasible)) {
            for (size_t i = 0; i < feasible.size(); ++i)
                scores[i] = plugin->score(state, pod, *feasible[i]);
            plugin->normalize(state, pod, feasible, scores);
        }
        for (size_t i = 0; i < feasible.size(); ++i) {
            scores[i] = std::clamp<int64_t>(scores[i], 0, kMaxNodeScore);
            table.totals[i] += scores[i] * weight;
        }
        table.byPlugin.push_back(std::move(scores));
    }
    return table;
}

} // namespace cox::scheduler::detail
