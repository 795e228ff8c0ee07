// Validation of whole API objects, per kind, as Kubernetes' pkg/apis/*/validation does it: the
// shared metadata rules (names, namespace scope, labels, annotations) plus each kind's own rules,
// and on update the immutability rules. Field paths and messages follow Kubernetes so clients
// show familiar errors ("spec.containers[0].image: Required value").
// Objects are validated after defaulting (see defaults.h); schema shape is checked separately
// (schema_check.h), so values of the wrong JSON type are skipped here rather than reported twice.
#pragma once

#include "model/json.h"
#include "model/resource_type.h"
#include "model/validation.h"

namespace cox::model {

// Errors of `object` as a new object of `type` (empty = valid).
FieldErrors validateObject(const ResourceType &type, const Json &object);

// Errors of `object` replacing `old`: everything validateObject reports plus changes to fields
// Kubernetes makes immutable (pod spec, workload selectors, Service clusterIP, immutable Secrets
// and ConfigMaps, metadata.namespace/uid/creationTimestamp).
FieldErrors validateObjectUpdate(const ResourceType &type, const Json &object, const Json &old);

} // namespace cox::model
