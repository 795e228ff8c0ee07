// Deployment: declarative rollouts over ReplicaSets (strategy, history, progress deadline).
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/condition.h"
#include "model/types/int_or_string.h"
#include "model/types/label_selector_spec.h"
#include "model/types/object_meta.h"
#include "model/types/pod.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct RollingUpdateDeployment {
    std::optional<IntOrString> maxUnavailable; // nil = 25%
    std::optional<IntOrString> maxSurge;       // nil = 25%
    static Result<RollingUpdateDeployment> fromJson(const Json &json);
    Json toJson() const;
};

struct DeploymentStrategy {
    std::string type; // "RollingUpdate" (default) or "Recreate"
    std::optional<RollingUpdateDeployment> rollingUpdate;
    static Result<DeploymentStrategy> fromJson(const Json &json);
    Json toJson() const;
};

struct DeploymentSpec {
    std::optional<int32_t> replicas; // nil = 1
    std::optional<LabelSelectorSpec> selector;
    PodTemplateSpec template_; // "template" in JSON
    DeploymentStrategy strategy;
    int32_t minReadySeconds = 0;
    std::optional<int32_t> revisionHistoryLimit;    // nil = 10
    std::optional<int32_t> progressDeadlineSeconds; // nil = 600
    bool paused = false;
    static Result<DeploymentSpec> fromJson(const Json &json);
    Json toJson() const;
};

struct DeploymentStatus {
    int64_t observedGeneration = 0;
    int32_t replicas = 0;
    int32_t updatedReplicas = 0;
    int32_t readyReplicas = 0;
    int32_t availableReplicas = 0;
    int32_t unavailableReplicas = 0;
    std::vector<Condition> conditions;
    std::optional<int32_t> collisionCount;
    static Result<DeploymentStatus> fromJson(const Json &json);
    Json toJson() const;
};

struct Deployment {
    ObjectMeta metadata;
    DeploymentSpec spec;
    DeploymentStatus status;
    static Result<Deployment> fromJson(const Json &json);
    Json toJson() const; // apiVersion apps/v1
};

} // namespace cox::model
