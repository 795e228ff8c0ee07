// ApiServer: the Kubernetes API as an http::Handler. Authenticates and authorizes every request,
// answers the non-resource endpoints (/version, health, /metrics, discovery, OpenAPI) and hands
// resource requests to RestHandler over the ResourceService that in-process controllers share.
#pragma once

#include "apiserver/api_extension.h"
#include "apiserver/resource_service.h"
#include "apiserver/rest_handler.h"
#include "auth/user.h"
#include "common/clock.h"
#include "common/result.h"
#include "http/request.h"
#include "store/store.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cox::apiserver {

struct ApiServerOptions {
    store::Store *store = nullptr;
    Clock *clock = nullptr; // SystemClock in production
    std::function<Result<auth::UserInfo>(const http::Request &)> authenticate;
    // Null = every authenticated user may do everything.
    std::function<Status(const auth::UserInfo &, const auth::RequestAttributes &)> authorize;
    std::string serviceCidr = "10.43.0.0/16";
    std::pair<int, int> nodePortRange{30000, 32767};
    std::string advertiseAddress;
    int advertisePort = 6443;    // endpoints of the `kubernetes` service
    std::function<bool()> ready; // /readyz; null = ready
    // How often watches that allow bookmarks get one (Kubernetes: about a minute).
    std::chrono::milliseconds bookmarkInterval{std::chrono::seconds(60)};
    // Client identity for reaching node agents (pods/log); null = pod logs answer 503.
    NodeCredentialsProvider nodeClientCredentials;
};

class ApiServer {
public:
    explicit ApiServer(ApiServerOptions options);
    ~ApiServer();

    // Creates what every cluster has: the default, kube-system, kube-public and kube-node-lease
    // namespaces, and the `kubernetes` Service (first service IP) with its Endpoints. Idempotent.
    Status bootstrap();

    // The http::Handler.
    void handle(const http::Request &request, http::ResponseSink &sink);

    ResourceService &resources() { return *m_service; }
    // Serves another group-version (see api_extension.h). Call before the server takes requests.
    void addExtension(std::shared_ptr<ApiExtension> extension);

private:
    void route(const http::Request &request, const auth::UserInfo &user, http::ResponseSink &sink,
               std::string &resourceLabel);
    bool serveNonResource(const http::Request &request, http::ResponseSink &sink);
    ApiExtension *extensionFor(const std::string &group, const std::string &version) const;
    Status ensureObject(const model::ResourceType &type, const std::string &ns, Json object);

    ApiServerOptions m_options;
    std::unique_ptr<ResourceService> m_service;
    std::unique_ptr<RestHandler> m_rest;
    std::vector<std::shared_ptr<ApiExtension>> m_extensions;
};

} // namespace cox::apiserver
