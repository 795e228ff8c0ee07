#include "auth/authorizer.h"

#include <array>
#include <string_view>

namespace cox::auth {

namespace {

bool isReadVerb(const std::string &verb) {
    return verb == "get" || verb == "list" || verb == "watch";
}

bool oneOf(const std::string &value, std::initializer_list<std::string_view> options) {
    for (auto o : options)
        if (value == o)
            return true;
    return false;
}

bool viewerAllows(const RequestAttributes &a) {
    if (!a.isResourceRequest)
        return a.verb == "get" || a.verb == "head";
    return isReadVerb(a.verb) && !(a.apiGroup.empty() && a.resource == "secrets");
}

bool nodeMayRead(const UserInfo &user, const RequestAttributes &a) {
    if (!isReadVerb(a.verb))
        return false;
    if (a.apiGroup.empty() &&
        oneOf(a.resource, {"configmaps", "secrets", "persistentvolumeclaims"}))
        // One object at a time: the API layer checks a pod bound to this node refers to it.
        return a.verb == "get" && !a.name.empty();
    if (a.apiGroup.empty())
        return oneOf(a.resource, {"nodes", "pods", "services", "endpoints", "namespaces"});
    if (a.apiGroup == "coordination.k8s.io" && a.resource == "leases")
        return a.namespaceName == "kube-node-lease" && a.name == user.nodeName();
    return false;
}

// Kubernetes' system:basic-user: anyone may ask what they may do and who they are.
bool selfReviewAllowed(const RequestAttributes &a) {
    return a.isResourceRequest && a.verb == "create" && a.subresource.empty() &&
           ((a.apiGroup == "authorization.k8s.io" && a.resource == "selfsubjectaccessreviews") ||
            (a.apiGroup == "authentication.k8s.io" && a.resource == "selfsubjectreviews"));
}

bool bootstrapperAllows(const RequestAttributes &a) {
    return a.isResourceRequest && a.verb == "create" && a.apiGroup == "coxswain.io" &&
           a.resource == "nodecredentialrequests" && a.subresource.empty();
}

} // namespace

bool isPublicNonResourcePath(const std::string &path) {
    static constexpr std::array<std::string_view, 6> kExact = {"/version", "/healthz", "/readyz",
                                                               "/livez",   "/api",     "/apis"};
    for (auto p : kExact) {
        if (path == p || path == std::string(p) + "/")
            return true;
    }
    for (std::string_view prefix :
         {"/openapi/", "/api/", "/apis/", "/healthz/", "/readyz/", "/livez/"}) {
        if (path.rfind(prefix, 0) == 0)
            return true;
    }
    return path == "/openapi";
}

bool nodeMayWrite(const UserInfo &user, const RequestAttributes &a) {
    const std::string node = user.nodeName();
    if (node.empty() || !a.isResourceRequest || isReadVerb(a.verb))
        return false;
    const bool core = a.apiGroup.empty();
    if (core && a.resource == "nodes") {
        bool own = a.name == node || (a.verb == "create" && a.name.empty());
        return own && oneOf(a.verb, {"create", "update", "patch"}) &&
               (a.subresource.empty() || a.subresource == "status");
    }
    if (a.apiGroup == "coordination.k8s.io" && a.resource == "leases")
        return a.namespaceName == "kube-node-lease" && (a.name == node || a.verb == "create") &&
               oneOf(a.verb, {"create", "update", "patch"});
    if ((core || a.apiGroup == "events.k8s.io") && a.resource == "events")
        return oneOf(a.verb, {"create", "patch", "update"});
    // Its serving certificate and renewals; the handler checks the name is the node's own.
    if (a.apiGroup == "coxswain.io" && a.resource == "nodecredentialrequests")
        return a.verb == "create" && a.subresource.empty();
    if (core && a.resource == "pods") {
        if (a.subresource == "status")
            return oneOf(a.verb, {"update", "patch"});
        return a.subresource.empty() && a.verb == "delete"; // spec.nodeName checked by the API
    }
    return false;
}

Status Authorizer::authorize(const UserInfo &user, const RequestAttributes &attrs) const {
    bool allowed = user.inGroup(kGroupMasters);
    if (!allowed && !attrs.isResourceRequest && (attrs.verb == "get" || attrs.verb == "head") &&
        isPublicNonResourcePath(attrs.path))
        allowed = user.inGroup(kGroupAuthenticated) || !user.name.empty();
    if (!allowed && !user.name.empty())
        allowed = selfReviewAllowed(attrs);
    if (!allowed && user.inGroup(kGroupViewers))
        allowed = viewerAllows(attrs);
    if (!allowed && !user.nodeName().empty())
        allowed =
            attrs.isResourceRequest && (nodeMayRead(user, attrs) || nodeMayWrite(user, attrs));
    if (!allowed && user.inGroup(kGroupBootstrappers))
        allowed = bootstrapperAllows(attrs);
    if (allowed)
        return Status::ok();
    return Status(StatusCode::Forbidden, forbiddenMessage(user, attrs));
}

std::string Authorizer::forbiddenMessage(const UserInfo &user, const RequestAttributes &a) {
    if (!a.isResourceRequest)
        return "forbidden: User \"" + user.name + "\" cannot " + a.verb + " path \"" + a.path +
               "\"";
    std::string resource = a.resource;
    if (!a.subresource.empty())
        resource += "/" + a.subresource;
    std::string text = a.resource;
    if (!a.name.empty())
        text += " \"" + a.name + "\"";
    text += " is forbidden: User \"" + user.name + "\" cannot " + a.verb + " resource \"" +
            resource + "\" in API group \"" + a.apiGroup + "\"";
    if (a.namespaceName.empty())
        text += " at the cluster scope";
    else
        text += " in the namespace \"" + a.namespaceName + "\"";
    return text;
}

} // namespace cox::auth
