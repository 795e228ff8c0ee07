// Defaulting of API objects as Kubernetes' SetDefaults_* functions do it, applied on every
// decoded create/update body before validation, so stored objects carry the values clients
// read back (restartPolicy, imagePullPolicy, strategy, targetPort, ...).
#pragma once

#include "model/json.h"
#include "model/resource_type.h"

namespace cox::model {

// Fills unset fields of `object` (a whole object of `type`) in place; set fields are untouched.
void applyDefaults(const ResourceType &type, Json &object);

// The PodSpec part alone, for pod templates (Deployment, ReplicaSet) and Pods.
void applyPodSpecDefaults(Json &podSpec);

} // namespace cox::model
