// Patch application for the PATCH verb: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
// Kubernetes strategic merge patch (what `kubectl apply` sends), each a pure function from the
// current object and the patch document to the patched object. Errors carry messages fit for the
// client: BadRequest for a malformed patch, Invalid when a well-formed patch cannot apply (a
// failing JSON patch `test`, a missing path).
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/schema.h"

namespace cox::model {

// RFC 7386: null deletes a key, objects merge recursively, anything else replaces.
Result<Json> applyMergePatch(const Json &target, const Json &patch);

// RFC 6902: `patch` is an array of operations (add, remove, replace, move, copy, test). The
// operations apply in order to a copy, so a failure leaves nothing half-applied.
Result<Json> applyJsonPatch(const Json &target, const Json &patch);

// Kubernetes strategic merge patch, with list strategies and merge keys read from `schema`
// (which may be null: everything then follows merge-patch semantics). Understands the
// directives `$patch` (replace/delete/merge), `$deleteFromPrimitiveList/<field>`,
// `$setElementOrder/<field>` and `$retainKeys`, as k8s.io/apimachinery's strategicpatch does.
Result<Json> applyStrategicMergePatch(const Json &target, const Json &patch, const Schema *schema);

} // namespace cox::model
