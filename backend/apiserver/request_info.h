// RequestInfo: what a request path and method mean in Kubernetes terms (group, version,
// namespace, resource, name, subresource, verb), as k8s.io/apiserver's RequestInfoFactory reads
// them. Authorization, metrics and routing all work from this one parse.
#pragma once

#include "auth/user.h"
#include "http/request.h"

#include <string>
#include <vector>

namespace cox::apiserver {

// The non-empty segments of a URL path: "/api/v1/pods" -> {"api", "v1", "pods"}.
std::vector<std::string> splitPath(const std::string &path);

struct RequestInfo {
    bool isResourceRequest = false;
    std::string path;
    std::string verb; // get list watch create update patch delete deletecollection; or lower method
    std::string apiPrefix; // "api" or "apis"
    std::string group;
    std::string version;
    std::string namespaceName;
    std::string resource;
    std::string name;
    std::string subresource;
    bool watchPath = false; // legacy /api/v1/watch/...

    auth::RequestAttributes attributes() const;
};

RequestInfo parseRequestInfo(const http::Request &request);

} // namespace cox::apiserver
