// Pod and PodTemplateSpec, plus the helpers the scheduler and controllers share:
// podRequests() (Kubernetes' effective request rule) and isPodReady().
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/quantity.h"
#include "model/types/object_meta.h"
#include "model/types/pod_spec.h"
#include "model/types/pod_status.h"

#include <map>
#include <string>

namespace cox::model {

struct Pod {
    ObjectMeta metadata;
    PodSpec spec;
    PodStatus status;

    static Result<Pod> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1, kind Pod
};

struct PodTemplateSpec {
    ObjectMeta metadata;
    PodSpec spec;

    static Result<PodTemplateSpec> fromJson(const Json &json);
    Json toJson() const;
};

// Effective resource requests: for each resource, max(sum over containers, each init
// container's request), plus the pod overhead (Kubernetes' resource.PodRequests without
// sidecars).
std::map<std::string, Quantity> podRequests(const PodSpec &spec);

// The Ready condition is True.
bool isPodReady(const Pod &pod);

// Succeeded or Failed: the pod will not run again and no longer holds node resources.
bool isPodTerminal(const Pod &pod);

} // namespace cox::model
