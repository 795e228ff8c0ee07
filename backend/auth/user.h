// The authenticated caller of a request and what it wants to do, as the authorizer sees them.
#pragma once

#include <string>
#include <vector>

namespace cox::auth {

// Well-known groups, as in Kubernetes.
inline constexpr const char *kGroupMasters = "system:masters";   // admin: everything
inline constexpr const char *kGroupViewers = "coxswain:viewers"; // read-only: get/list/watch
inline constexpr const char *kGroupNodes = "system:nodes"; // node agents: user "system:node:<name>"
inline constexpr const char *kGroupAuthenticated = "system:authenticated";
inline constexpr const char *kNodeUserPrefix = "system:node:";

struct UserInfo {
    std::string name; // "admin", "system:node:worker-1"
    std::vector<std::string> groups;
    bool inGroup(const std::string &group) const {
        for (const auto &g : groups)
            if (g == group)
                return true;
        return false;
    }
    // The node name for node credentials ("system:node:NAME" in group system:nodes), else "".
    std::string nodeName() const {
        if (!inGroup(kGroupNodes) || name.rfind(kNodeUserPrefix, 0) != 0)
            return {};
        return name.substr(std::string(kNodeUserPrefix).size());
    }
};

// What the request does, in Kubernetes authorization terms.
struct RequestAttributes {
    std::string verb;        // get, list, watch, create, update, patch, delete, deletecollection
    std::string apiGroup;    // "" for core
    std::string resource;    // "pods"; empty for non-resource requests
    std::string subresource; // "status", "binding", ...
    std::string namespaceName;
    std::string name;
    std::string path; // for non-resource requests ("/version", "/healthz")
    bool isResourceRequest = true;
};

} // namespace cox::auth
