// Condition: the status condition shape shared by Pods, Nodes, Deployments, ReplicaSets and
// Namespaces (each kind uses a subset of the timestamps).
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

struct Condition {
    std::string type;
    std::string status; // "True", "False", "Unknown"
    std::string reason;
    std::string message;
    std::string lastTransitionTime;
    std::string lastProbeTime;
    std::string lastHeartbeatTime;
    std::string lastUpdateTime;
    int64_t observedGeneration = 0;

    static Result<Condition> fromJson(const Json &json);
    Json toJson() const;
    bool isTrue() const { return status == "True"; }
};

// The condition of `type`, or null.
const Condition *findCondition(const std::vector<Condition> &conditions, std::string_view type);

} // namespace cox::model
