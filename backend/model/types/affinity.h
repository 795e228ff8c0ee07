// Affinity: node affinity (required/preferred node selector terms) and pod (anti-)affinity
// terms, as the scheduler evaluates them.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/label_selector_spec.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct NodeSelectorRequirement {
    std::string key;
    std::string operator_; // In, NotIn, Exists, DoesNotExist, Gt, Lt
    std::vector<std::string> values;
    static Result<NodeSelectorRequirement> fromJson(const Json &json);
    Json toJson() const;
    // Kubernetes semantics: NotIn/DoesNotExist hold for a missing key; Gt/Lt compare integers.
    bool matches(const std::map<std::string, std::string> &labels) const;
};

struct NodeSelectorTerm {
    std::vector<NodeSelectorRequirement> matchExpressions; // against node labels
    std::vector<NodeSelectorRequirement> matchFields;      // only metadata.name is supported
    static Result<NodeSelectorTerm> fromJson(const Json &json);
    Json toJson() const;
    // All requirements hold; a term with no requirements matches nothing (as Kubernetes).
    bool matches(const std::map<std::string, std::string> &nodeLabels,
                 const std::string &nodeName) const;
};

struct NodeSelector {
    std::vector<NodeSelectorTerm> nodeSelectorTerms; // ORed
    static Result<NodeSelector> fromJson(const Json &json);
    Json toJson() const;
    bool matches(const std::map<std::string, std::string> &nodeLabels,
                 const std::string &nodeName) const;
};

struct PreferredSchedulingTerm {
    int32_t weight = 0;
    NodeSelectorTerm preference;
    static Result<PreferredSchedulingTerm> fromJson(const Json &json);
    Json toJson() const;
};

struct NodeAffinity {
    std::optional<NodeSelector> requiredDuringSchedulingIgnoredDuringExecution;
    std::vector<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution;
    static Result<NodeAffinity> fromJson(const Json &json);
    Json toJson() const;
};

struct PodAffinityTerm {
    std::optional<LabelSelectorSpec> labelSelector;
    std::vector<std::string> namespaces; // empty (and no namespaceSelector) = the pod's own
    std::optional<LabelSelectorSpec> namespaceSelector;
    std::string topologyKey;
    static Result<PodAffinityTerm> fromJson(const Json &json);
    Json toJson() const;
};

struct WeightedPodAffinityTerm {
    int32_t weight = 0;
    PodAffinityTerm podAffinityTerm;
    static Result<WeightedPodAffinityTerm> fromJson(const Json &json);
    Json toJson() const;
};

// Used for both podAffinity and podAntiAffinity (same shape).
struct PodAffinity {
    std::vector<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution;
    std::vector<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution;
    static Result<PodAffinity> fromJson(const Json &json);
    Json toJson() const;
};

struct Affinity {
    std::optional<NodeAffinity> nodeAffinity;
    std::optional<PodAffinity> podAffinity;
    std::optional<PodAffinity> podAntiAffinity;
    static Result<Affinity> fromJson(const Json &json);
    Json toJson() const;
};

} // namespace cox::model
