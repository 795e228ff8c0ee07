#include "model/types/affinity.h"

#include "model/types/json_fields.h"

#include <algorithm>
#include <charconv>

namespace cox::model {

namespace {

std::optional<int64_t> toInt(const std::string &s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

} // namespace

Result<NodeSelectorRequirement> NodeSelectorRequirement::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeSelectorRequirement", json);
    NodeSelectorRequirement r;
    FieldReader in(json, "");
    in.read("key", r.key);
    in.read("operator", r.operator_);
    in.read("values", r.values);
    if (!in.ok())
        return in.status();
    return r;
}

Json NodeSelectorRequirement::toJson() const {
    Json j = Json::object();
    putString(j, "key", key);
    putString(j, "operator", operator_);
    putStrings(j, "values", values);
    return j;
}

bool NodeSelectorRequirement::matches(const std::map<std::string, std::string> &labels) const {
    auto it = labels.find(key);
    bool present = it != labels.end();
    bool listed = present && std::find(values.begin(), values.end(), it->second) != values.end();
    if (operator_ == "In")
        return listed;
    if (operator_ == "NotIn")
        return !listed;
    if (operator_ == "Exists")
        return present;
    if (operator_ == "DoesNotExist")
        return !present;
    if ((operator_ == "Gt" || operator_ == "Lt") && present && values.size() == 1) {
        auto have = toInt(it->second);
        auto want = toInt(values[0]);
        if (!have || !want)
            return false;
        return operator_ == "Gt" ? *have > *want : *have < *want;
    }
    return false;
}

Result<NodeSelectorTerm> NodeSelectorTerm::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeSelectorTerm", json);
    NodeSelectorTerm t;
    FieldReader in(json, "");
    in.list("matchExpressions", t.matchExpressions);
    in.list("matchFields", t.matchFields);
    if (!in.ok())
        return in.status();
    return t;
}

Json NodeSelectorTerm::toJson() const {
    Json j = Json::object();
    putList(j, "matchExpressions", matchExpressions);
    putList(j, "matchFields", matchFields);
    return j;
}

bool NodeSelectorTerm::matches(const std::map<std::string, std::string> &nodeLabels,
                               const std::string &nodeName) const {
    if (matchExpressions.empty() && matchFields.empty())
        return false;
    for (const auto &r : matchExpressions) {
        if (!r.matches(nodeLabels))
            return false;
    }
    const std::map<std::string, std::string> fields{{"metadata.name", nodeName}};
    for (const auto &r : matchFields) {
        if (r.key != "metadata.name" || !r.matches(fields))
            return false;
    }
    return true;
}

Result<NodeSelector> NodeSelector::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeSelector", json);
    NodeSelector s;
    FieldReader in(json, "");
    in.list("nodeSelectorTerms", s.nodeSelectorTerms);
    if (!in.ok())
        return in.status();
    return s;
}

Json NodeSelector::toJson() const {
    Json j = Json::object();
    j["nodeSelectorTerms"] = Json::array();
    for (const auto &t : nodeSelectorTerms)
        j["nodeSelectorTerms"].push_back(t.toJson());
    return j;
}

bool NodeSelector::matches(const std::map<std::string, std::string> &nodeLabels,
                           const std::string &nodeName) const {
    return std::any_of(nodeSelectorTerms.begin(), nodeSelectorTerms.end(),
                       [&](const NodeSelectorTerm &t) { return t.matches(nodeLabels, nodeName); });
}

Result<PreferredSchedulingTerm> PreferredSchedulingTerm::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("PreferredSchedulingTerm", json);
    PreferredSchedulingTerm t;
    FieldReader in(json, "");
    in.read("weight", t.weight);
    in.object("preference", t.preference);
    if (!in.ok())
        return in.status();
    return t;
}

Json PreferredSchedulingTerm::toJson() const {
    return Json{{"weight", weight}, {"preference", preference.toJson()}};
}

Result<NodeAffinity> NodeAffinity::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeAffinity", json);
    NodeAffinity a;
    FieldReader in(json, "");
    in.object("requiredDuringSchedulingIgnoredDuringExecution",
              a.requiredDuringSchedulingIgnoredDuringExecution);
    in.list("preferredDuringSchedulingIgnoredDuringExecution",
            a.preferredDuringSchedulingIgnoredDuringExecution);
    if (!in.ok())
        return in.status();
    return a;
}

Json NodeAffinity::toJson() const {
    Json j = Json::object();
    putObject(j, "requiredDuringSchedulingIgnoredDuringExecution",
              requiredDuringSchedulingIgnoredDuringExecution);
    putList(j, "preferredDuringSchedulingIgnoredDuringExecution",
            preferredDuringSchedulingIgnoredDuringExecution);
    return j;
}

Result<PodAffinityTerm> PodAffinityTerm::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("PodAffinityTerm", json);
    PodAffinityTerm t;
    FieldReader in(json, "");
    in.object("labelSelector", t.labelSelector);
    in.read("namespaces", t.namespaces);
    in.object("namespaceSelector", t.namespaceSelector);
    in.read("topologyKey", t.topologyKey);
    if (!in.ok())
        return in.status();
    return t;
}

Json PodAffinityTerm::toJson() const {
    Json j = Json::object();
    putObject(j, "labelSelector", labelSelector);
    putStrings(j, "namespaces", namespaces);
    putString(j, "topologyKey", topologyKey);
    putObject(j, "namespaceSelector", namespaceSelector);
    return j;
}

Result<WeightedPodAffinityTerm> WeightedPodAffinityTerm::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("WeightedPodAffinityTerm", json);
    WeightedPodAffinityTerm t;
    FieldReader in(json, "");
    in.read("weight", t.weight);
    in.object("podAffinityTerm", t.podAffinityTerm);
    if (!in.ok())
        return in.status();
    return t;
}

Json WeightedPodAffinityTerm::toJson() const {
    return Json{{"weight", weight}, {"podAffinityTerm", podAffinityTerm.toJson()}};
}

Result<PodAffinity> PodAffinity::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("PodAffinity", json);
    PodAffinity a;
    FieldReader in(json, "");
    in.list("requiredDuringSchedulingIgnoredDuringExecution",
            a.requiredDuringSchedulingIgnoredDuringExecution);
    in.list("preferredDuringSchedulingIgnoredDuringExecution",
            a.preferredDuringSchedulingIgnoredDuringExecution);
    if (!in.ok())
        return in.status();
    return a;
}

Json PodAffinity::toJson() const {
    Json j = Json::object();
    putList(j, "requiredDuringSchedulingIgnoredDuringExecution",
            requiredDuringSchedulingIgnoredDuringExecution);
    putList(j, "preferredDuringSchedulingIgnoredDuringExecution",
            preferredDuringSchedulingIgnoredDuringExecution);
    return j;
}

Result<Affinity> Affinity::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Affinity", json);
    Affinity a;
    FieldReader in(json, "");
    in.object("nodeAffinity", a.nodeAffinity);
    in.object("podAffinity", a.podAffinity);
    in.object("podAntiAffinity", a.podAntiAffinity);
    if (!in.ok())
        return in.status();
    return a;
}

Json Affinity::toJson() const {
    Json j = Json::object();
    putObject(j, "nodeAffinity", nodeAffinity);
    putObject(j, "podAffinity", podAffinity);
    putObject(j, "podAntiAffinity", podAntiAffinity);
    return j;
}

} // namespace cox::model
