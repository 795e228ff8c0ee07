// PodSpec: what a pod asks for - containers, placement (nodeName, nodeSelector, affinity,
// tolerations, topology spread) and lifecycle settings.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/quantity.h"
#include "model/types/affinity.h"
#include "model/types/container.h"
#include "model/types/label_selector_spec.h"
#include "model/types/taint.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct TopologySpreadConstraint {
    int32_t maxSkew = 0;
    std::string topologyKey;
    std::string whenUnsatisfiable; // "DoNotSchedule" or "ScheduleAnyway"
    std::optional<LabelSelectorSpec> labelSelector;
    std::optional<int32_t> minDomains;
    static Result<TopologySpreadConstraint> fromJson(const Json &json);
    Json toJson() const;
};

struct PodSpec {
    std::vector<Container> containers;
    std::vector<Container> initContainers;
    std::string nodeName;
    std::map<std::string, std::string> nodeSelector;
    std::optional<Affinity> affinity;
    std::vector<Toleration> tolerations;
    std::vector<TopologySpreadConstraint> topologySpreadConstraints;
    std::string restartPolicy; // "Always" when empty
    std::optional<int64_t> terminationGracePeriodSeconds;
    bool hostNetwork = false;
    std::optional<int32_t> priority;
    std::string priorityClassName;
    std::string schedulerName;
    std::string serviceAccountName;
    Json volumes; // kept verbatim (many volume sources)
    std::string dnsPolicy;
    std::map<std::string, Quantity> overhead; // RuntimeClass overhead, counted in requests

    static Result<PodSpec> fromJson(const Json &json);
    Json toJson() const;
};

} // namespace cox::model
