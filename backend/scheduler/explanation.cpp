#include "scheduler/explanation.h"

#include "scheduler/cycle_steps.h"

namespace cox::scheduler {
namespace {

using model::Json;

Json nodeJson(const NodeExplanation &node) {
    Json reasons = Json::array();
    for (const auto &r : node.reasons)
        reasons.push_back({{"plugin", r.plugin}, {"reason", r.reason}, {"message", r.message}});
    Json scores = Json::object();
    for (const auto &s : node.scores)
        scores[s.plugin] = {{"score", s.score}, {"weight", s.weight}};
    return {{"name", node.name},
            {"fits", node.fits},
            {"reasons", std::move(reasons)},
            {"scores", std::move(scores)},
            {"total", node.fits ? Json(node.total) : Json()}};
}

void addReasons(NodeExplanation &out, const std::vector<NodeRejection> &rejections) {
    for (const auto &rejection : rejections)
        for (const auto &reason : rejection.verdict.reasons)
            out.reasons.push_back({rejection.plugin, reason.code, reason.message});
}

void addScores(Explanation &out, const std::vector<size_t> &feasibleIndex,
               const detail::ScoreTable &table, const Profile &profile) {
    for (size_t i = 0; i < feasibleIndex.size(); ++i) {
        NodeExplanation &node = out.nodes[feasibleIndex[i]];
        for (size_t p = 0; p < profile.scores().size(); ++p) {
            const auto &[plugin, weight] = profile.scores()[p];
            node.scores.push_back({std::string(plugin->name()), table.byPlugin[p][i], weight});
        }
        node.total = table.totals[i];
    }
    const NodeExplanation *best = nullptr;
    for (size_t index : feasibleIndex) {
        const NodeExplanation &node = out.nodes[index];
        if (!best || node.total > best->total ||
            (node.total == best->total && node.name < best->name))
            best = &node;
    }
    if (best)
        out.bestNode = best->name;
}

} // namespace

Json Explanation::toJson() const {
    Json list = Json::array();
    for (const auto &node : nodes)
        list.push_back(nodeJson(node));
    return {{"pod", pod},
            {"feasibleNodes", feasibleNodes},
            {"totalNodes", nodes.size()},
            {"bestNode", bestNode},
            {"message", message},
            {"nodes", std::move(list)}};
}

Explanation explain(const PodInfo &pod, const Snapshot &snapshot, const Profile &profile) {
    Explanation out;
    out.pod = pod.key();
    CycleState state;
    auto preRejection = detail::runPreFilters(state, pod, snapshot, profile);
    std::vector<NodeRejection> firstRejections;
    std::vector<const NodeInfo *> feasible;
    std::vector<size_t> feasibleIndex;
    for (const auto &node : snapshot.nodes()) {
        NodeExplanation entry{node->name(), false, {}, {}, 0};
        std::vector<NodeRejection> rejections;
        if (preRejection)
            rejections.push_back({node->name(), preRejection->plugin, preRejection->verdict});
        else
            rejections = detail::runFilters(state, pod, *node, profile, true);
        entry.fits = rejections.empty();
        addReasons(entry, rejections);
        if (entry.fits) {
            feasible.push_back(node.get());
            feasibleIndex.push_back(out.nodes.size());
        } else {
            firstRejections.push_back(std::move(rejections.front()));
        }
        out.nodes.push_back(std::move(entry));
    }
    out.feasibleNodes = feasible.size();
    if (feasible.empty()) {
        out.message = failedSchedulingMessage(snapshot.size(), firstRejections);
        return out;
    }
    addScores(out, feasibleIndex, detail::runScores(state, pod, snapshot, profile, feasible),
              profile);
    return out;
}

} // namespace cox::scheduler
