// Kubernetes-shaped errors: the messages clients and users recognise (`pods "x" not found`), and
// the wire `Status` object every failed request answers with.
#pragma once

#include "common/status.h"
#include "model/json.h"
#include "model/resource_type.h"
#include "model/validation.h"

#include <string>
#include <vector>

namespace cox::apiserver {

using Json = model::Json;

struct StatusCause {
    std::string reason;  // "FieldValueInvalid"
    std::string message; // "Invalid value: ..."
    std::string field;   // "metadata.name"
};

// The `details` of a wire Status.
struct ErrorDetails {
    std::string name;
    std::string group;
    std::string kind; // the resource plural, as Kubernetes puts it ("pods")
    std::vector<StatusCause> causes;
    int retryAfterSeconds = 0;
};

// "pods" for the core group, "deployments.apps" otherwise: how Kubernetes names a resource in
// messages.
std::string qualifiedResource(const model::ResourceType &type);

Status notFoundError(const model::ResourceType &type, const std::string &name);
Status alreadyExistsError(const model::ResourceType &type, const std::string &name);
Status conflictError(const model::ResourceType &type, const std::string &name,
                     const std::string &why);
Status modifiedConflict(const model::ResourceType &type, const std::string &name);
// 400 when `object` names another apiVersion or kind than `type`; absent (or non-string) fields
// are left to the caller to fill in.
Status typeMismatchError(const model::ResourceType &type, const Json &object);
// 415 for a server-side apply patch, naming the patch types that are accepted.
Status serverSideApplyUnsupported();
// `Pod "x" is invalid: [a: ..., b: ...]`; fills `details` causes when given.
Status invalidError(const model::ResourceType &type, const std::string &name,
                    const model::FieldErrors &errors, ErrorDetails *details);

// The wire Status for an error.
Json statusObject(const Status &status, const ErrorDetails &details = {});
// {"kind":"Status","status":"Success",...} as some deletes answer.
Json successStatus(const ErrorDetails &details);

} // namespace cox::apiserver
