#include "apiserver/request_info.h"

#include <algorithm>
#include <vector>

namespace cox::apiserver {

std::vector<std::string> splitPath(const std::string &path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos)
            slash = path.size();
        if (slash > start)
            parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

namespace {
std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool truthy(const std::string &value) {
    return value == "true" || value == "1";
}
} // namespace

auth::RequestAttributes RequestInfo::attributes() const {
    auth::RequestAttributes a;
    a.verb = verb;
    a.apiGroup = group;
    a.resource = resource;
    a.subresource = subresource;
    a.namespaceName = namespaceName;
    a.name = name;
    a.path = path;
    a.isResourceRequest = isResourceRequest;
    return a;
}

RequestInfo parseRequestInfo(const http::Request &request) {
    RequestInfo info;
    info.path = request.path;
    info.verb = lower(request.method);
    auto parts = splitPath(request.path);
    if (parts.empty() || (parts[0] != "api" && parts[0] != "apis"))
        return info;
    info.apiPrefix = parts[0];
    size_t i = 1;
    if (info.apiPrefix == "apis") {
        if (parts.size() < 3)
            return info; // /apis, /apis/{group}: discovery
        info.group = parts[1];
        i = 2;
    } else if (parts.size() < 2) {
        return info;
    }
    info.version = parts[i++];
    std::vector<std::string> rest(parts.begin() + long(i), parts.end());
    if (rest.empty())
        return info; // /api/v1, /apis/{group}/{version}: discovery
    info.isResourceRequest = true;
    if (rest[0] == "watch") {
        info.watchPath = true;
        rest.erase(rest.begin());
    }
    if (!rest.empty() && rest[0] == "namespaces" && rest.size() > 1) {
        info.namespaceName = rest[1];
        // /namespaces/{ns}/status and /finalize are the namespace's own subresources.
        if (rest.size() > 2 && rest[2] != "status" && rest[2] != "finalize")
            rest.erase(rest.begin(), rest.begin() + 2);
    }
    if (!rest.empty())
        info.resource = rest[0];
    if (rest.size() > 1)
        info.name = rest[1];
    if (rest.size() > 2)
        info.subresource = rest[2];
    for (size_t k = 3; k < rest.size(); ++k)
        info.subresource += "/" + rest[k]; // never served; kept so routing answers 404
    if (info.resource == "namespaces" && info.name.empty() && !info.namespaceName.empty())
        info.name = info.namespaceName;
    if (info.resource == "namespaces")
        info.namespaceName = info.name.empty() ? "" : info.name;
    const std::string method = request.method;
    if (method == "GET" || method == "HEAD") {
        bool watch = info.watchPath || truthy(request.queryValue("watch"));
        info.verb = watch ? "watch" : info.name.empty() ? "list" : "get";
    } else if (method == "POST") {
        info.verb = "create";
    } else if (method == "PUT") {
        info.verb = "update";
    } else if (method == "PATCH") {
        info.verb = "patch";
    } else if (method == "DELETE") {
        info.verb = info.name.empty() ? "deletecollection" : "delete";
    }
    return info;
}

} // namespace cox::apiserver
