// ReplicaSet: keeps `replicas` pods matching `selector` running from `template`.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/condition.h"
#include "model/types/label_selector_spec.h"
#include "model/types/object_meta.h"
#include "model/types/pod.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace cox::model {

struct ReplicaSetSpec {
    std::optional<int32_t> replicas; // nil = 1
    int32_t minReadySeconds = 0;
    std::optional<LabelSelectorSpec> selector;
    PodTemplateSpec template_; // "template" in JSON
    static Result<ReplicaSetSpec> fromJson(const Json &json);
    Json toJson() const;
};

struct ReplicaSetStatus {
    int32_t replicas = 0;
    int32_t fullyLabeledReplicas = 0;
    int32_t readyReplicas = 0;
    int32_t availableReplicas = 0;
    int64_t observedGeneration = 0;
    std::vector<Condition> conditions;
    static Result<ReplicaSetStatus> fromJson(const Json &json);
    Json toJson() const;
};

struct ReplicaSet {
    ObjectMeta metadata;
    ReplicaSetSpec spec;
    ReplicaSetStatus status;
    static Result<ReplicaSet> fromJson(const Json &json);
    Json toJson() const; // apiVersion apps/v1
};

} // namespace cox::model
