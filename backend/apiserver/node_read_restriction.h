// Node read restriction (Kubernetes' node authorizer): a node credential may read a Secret,
// ConfigMap or PersistentVolumeClaim only when a pod bound to that node refers to it, by a
// volume (directly or projected), an env or envFrom source of any container, or an image pull
// secret. Nodes may not list or watch these kinds at all (the authorizer refuses that), so a
// compromised node learns no secret beyond those of its own pods.
#pragma once

#include "model/json.h"
#include "model/resource_type.h"

#include <string>

namespace cox::apiserver {

// secrets, configmaps and persistentvolumeclaims of the core group.
bool isNodeReadRestricted(const model::ResourceType &type);

// Whether `pod` refers to the object `name` of `resource` ("secrets", "configmaps",
// "persistentvolumeclaims") in its own namespace.
bool podReferences(const model::Json &pod, const std::string &resource, const std::string &name);

} // namespace cox::apiserver
