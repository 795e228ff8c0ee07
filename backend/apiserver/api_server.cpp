#include "apiserver/api_server.h"

#include "apiserver/discovery.h"
#include "apiserver/http_codec.h"
#include "apiserver/request_info.h"
#include "apiserver/self_reviews.h"
#include "common/log.h"
#include "common/metrics.h"

#include <chrono>

namespace cox::apiserver {

namespace {
// A response sink that remembers the status code for the request metrics.
class CodeRecorder final : public http::ResponseSink {
public:
    explicit CodeRecorder(http::ResponseSink &inner)
        : m_inner(inner) {}
    void send(http::Response response) override {
        m_code = response.status;
        m_inner.send(std::move(response));
    }
    bool beginStream(int status, const http::Headers &headers) override {
        m_code = status;
        return m_inner.beginStream(status, headers);
    }
    bool writeChunk(std::string_view data) override { return m_inner.writeChunk(data); }
    void endStream() override { m_inner.endStream(); }
    bool clientGone() override { return m_inner.clientGone(); }
    int code() const { return m_code; }

private:
    http::ResponseSink &m_inner;
    int m_code = 0;
};

std::string forbiddenMessage(const auth::UserInfo &user, const RequestInfo &info) {
    if (!info.isResourceRequest)
        return "forbidden: User \"" + user.name + "\" cannot " + info.verb + " path \"" +
               info.path + "\"";
    std::string resource = info.resource + (info.subresource.empty() ? "" : "/" + info.subresource);
    std::string msg = resource + (info.name.empty() ? "" : " \"" + info.name + "\"") +
                      " is forbidden: User \"" + user.name + "\" cannot " + info.verb +
                      " resource \"" + resource + "\" in API group \"" + info.group + "\"";
    if (!info.namespaceName.empty() && info.resource != "namespaces")
        msg += " in the namespace \"" + info.namespaceName + "\"";
    else if (info.namespaceName.empty())
        msg += " at the cluster scope";
    return msg;
}
} // namespace

ApiServer::ApiServer(ApiServerOptions options)
    : m_options(std::move(options)) {
    ResourceServiceConfig config;
    config.store = m_options.store;
    config.clock = m_options.clock;
    config.serviceCidr = m_options.serviceCidr;
    config.nodePortRange = m_options.nodePortRange;
    m_service = std::make_unique<ResourceService>(config);
    WatchSettings watch;
    watch.bookmarkInterval = m_options.bookmarkInterval;
    m_rest = std::make_unique<RestHandler>(*m_service, watch, m_options.nodeClientCredentials);
    registerSelfReviews(*m_service, m_options.authorize);
}

ApiServer::~ApiServer() = default;

void ApiServer::addExtension(std::shared_ptr<ApiExtension> extension) {
    m_extensions.push_back(std::move(extension));
}

ApiExtension *ApiServer::extensionFor(const std::string &group, const std::string &version) const {
    for (const auto &extension : m_extensions)
        if (extension->group() == group && (version.empty() || extension->version() == version))
            return extension.get();
    return nullptr;
}

void ApiServer::handle(const http::Request &request, http::ResponseSink &sink) {
    const auto started = std::chrono::steady_clock::now();
    CodeRecorder recorder(sink);
    std::string resourceLabel;
    RequestInfo info = parseRequestInfo(request);
    try {
        auto user = m_options.authenticate
                        ? m_options.authenticate(request)
                        : Result<auth::UserInfo>(Status(StatusCode::Unauthorized, "Unauthorized"));
        if (!user)
            sendError(recorder, Status(StatusCode::Unauthorized, "Unauthorized"));
        else
            route(request, *user, recorder, resourceLabel);
    } catch (const std::exception &e) {
        // Nothing a client sends may take the server down; an escaped exception is our bug.
        COX_LOG(Error, "apiserver") << request.method << " " << request.path << ": " << e.what();
        if (recorder.code() == 0)
            sendError(recorder, Status(StatusCode::Internal, "internal error"));
    }
    if (info.verb == "watch")
        return; // a watch's duration is its lifetime, not a latency
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics::Registry::global()
        .histogram("coxswain_apiserver_request_duration_seconds",
                   "API request latency by verb, resource and HTTP code.",
                   {{"verb", info.isResourceRequest ? info.verb : request.method},
                    {"resource", info.isResourceRequest ? info.resource : ""},
                    {"code", std::to_string(recorder.code())}})
        .observe(seconds);
}

void ApiServer::route(const http::Request &request, const auth::UserInfo &user,
                      http::ResponseSink &sink, std::string &resourceLabel) {
    RequestInfo info = parseRequestInfo(request);
    resourceLabel = info.resource;
    if (m_options.authorize) {
        Status allowed = m_options.authorize(user, info.attributes());
        if (!allowed) {
            ErrorDetails details{info.name, info.group, info.resource, {}, 0};
            sendError(sink, Status(StatusCode::Forbidden, forbiddenMessage(user, info)), details);
            return;
        }
    }
    if (info.isResourceRequest) {
        if (ApiExtension *extension = extensionFor(info.group, info.version))
            return extension->serve(request, info, user, sink);
        m_rest->serve(request, info, user, sink);
        return;
    }
    if (!serveNonResource(request, sink))
        sendError(sink,
                  Status(StatusCode::NotFound, "the server could not find the requested resource"));
}

} // namespace cox::apiserver
