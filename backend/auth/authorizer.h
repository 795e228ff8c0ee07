// What a caller may do, by group (RBAC-like fixed roles, no policy objects):
//   system:masters      everything
//   coxswain:viewers    get/list/watch on every resource except secrets; non-resource GETs
//   system:nodes        reads a node agent needs (Secrets, ConfigMaps and PVCs one by name, and
//                       only those its pods use: node_read_restriction.h), plus the name-based
//                       writes of nodeMayWrite()
//   system:bootstrappers discovery and `create nodecredentialrequests.coxswain.io` only
//   everyone authenticated: discovery, health and version paths; SelfSubjectAccessReview and
//                       SelfSubjectReview (`kubectl auth can-i`, `kubectl auth whoami`)
// Forbidden messages follow Kubernetes word for word so kubectl prints familiar errors.
#pragma once

#include "auth/user.h"
#include "common/status.h"

namespace cox::auth {

inline constexpr const char *kGroupBootstrappers = "system:bootstrappers";

class Authorizer {
public:
    Status authorize(const UserInfo &user, const RequestAttributes &attrs) const;

    // The Kubernetes-style 403 text for `attrs`.
    static std::string forbiddenMessage(const UserInfo &user, const RequestAttributes &attrs);
};

// The name-based half of NodeRestriction: writes a node may make to objects named after it
// (its Node and Node status, its Lease in kube-node-lease), events, and pod status / pod
// deletion. The API layer must still check that a pod's spec.nodeName is this node, and, for
// `create nodes`, that the body's name matches (attrs.name may be empty on create).
bool nodeMayWrite(const UserInfo &user, const RequestAttributes &attrs);

// Discovery, health and version paths every authenticated user may GET.
bool isPublicNonResourcePath(const std::string &path);

} // namespace cox::auth
