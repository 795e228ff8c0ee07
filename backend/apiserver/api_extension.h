// ApiExtension: an API group-version served outside the resource registry and the store
// (metrics.k8s.io, whose objects are computed, never stored). The ApiServer lists it in
// discovery (/apis, /apis/{group}, /apis/{group}/{version}) and hands it every resource request
// for its group-version after authentication and authorization. Register extensions before the
// server takes requests.
#pragma once

#include "apiserver/request_info.h"
#include "auth/user.h"
#include "http/request.h"
#include "model/json.h"

#include <string>

namespace cox::apiserver {

class ApiExtension {
public:
    virtual ~ApiExtension() = default;
    virtual std::string group() const = 0;
    virtual std::string version() const = 0;
    // The APIResource entries of /apis/{group}/{version} (name, kind, namespaced, verbs).
    virtual model::Json resources() const = 0;
    // A resource request (info.isResourceRequest) for this group-version.
    virtual void serve(const http::Request &request, const RequestInfo &info,
                       const auth::UserInfo &user, http::ResponseSink &sink) = 0;
};

// Discovery documents of an extension, in the same legacy shapes as discovery.h.
model::Json extensionGroupJson(const ApiExtension &extension); // an APIGroup entry
model::Json extensionResourceList(const ApiExtension &extension);

} // namespace cox::apiserver
