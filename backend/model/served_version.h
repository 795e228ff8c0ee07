// ServedVersion: an API version of a kind that is served but not stored (autoscaling/v1
// HorizontalPodAutoscaler over the stored autoscaling/v2 one, as Kubernetes serves several
// versions of one storage version). Requests to it are converted on the way in and answers on
// the way out; everything else (store keys, RBAC, validation, controllers) sees the stored type.
#pragma once

#include "model/json.h"
#include "model/resource_type.h"

#include <string_view>
#include <vector>

namespace cox::model {

struct ServedVersion {
    ResourceType type;                    // the served coordinates, verbs and request schema
    const ResourceType *stored = nullptr; // the registry type its objects are stored as
    Json (*toServed)(const Json &stored); // a stored object as this version
    Json (*toStored)(const Json &served); // a body of this version as the stored type
};

// Every served-only version, in a stable order (after the stored versions of the same group).
const std::vector<const ServedVersion *> &servedVersions();
// Lookup by URL coordinates; nullptr when (group, version, plural) is not a served-only version.
const ServedVersion *findServedVersion(std::string_view group, std::string_view version,
                                       std::string_view plural);

} // namespace cox::model
