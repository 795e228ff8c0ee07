// The create-only reviews that let any authenticated caller ask about itself, answered with the
// same authorizer that guards every request (ApiServer registers them):
//   - SelfSubjectAccessReview (`kubectl auth can-i VERB RESOURCE`): status.allowed for the
//     resource or non-resource attributes in the spec.
//   - SelfSubjectReview (`kubectl auth whoami`): the caller's user name and groups.
// A node's answer covers what the authorizer decides by name; the API layer's further checks
// (a pod's spec.nodeName) are not part of it, as in Kubernetes.
#pragma once

#include "apiserver/resource_service.h"

#include <functional>

namespace cox::apiserver {

using Authorize = std::function<Status(const auth::UserInfo &, const auth::RequestAttributes &)>;

void registerSelfReviews(ResourceService &api, Authorize authorize);

} // namespace cox::apiserver
