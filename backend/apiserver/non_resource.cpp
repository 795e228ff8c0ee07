// ApiServer: the non-resource endpoints (/version, health checks, /metrics, discovery roots,
// OpenAPI) and bootstrap of the objects every cluster has.
#include "apiserver/api_server.h"
#include "apiserver/discovery.h"
#include "apiserver/http_codec.h"
#include "apiserver/object_meta.h"
#include "apiserver/request_info.h"
#include "apiserver/service_allocator.h"
#include "common/metrics.h"

namespace cox::apiserver {

namespace {
Json versionInfo() {
    return {{"major", "1"},
            {"minor", "32"},
            {"gitVersion", "v1.32.0+coxswain"},
            {"gitCommit", "coxswain-" COX_VERSION},
            {"gitTreeState", "clean"},
            {"buildDate", "2026-01-01T00:00:00Z"},
            {"goVersion", "n/a (C++20)"},
            {"compiler", "gcc"},
            {"platform", "linux/amd64"}};
}

void sendDiscovery(const http::Request &request, http::ResponseSink &sink,
                   const Result<Json> &doc) {
    auto format = negotiate(request, false);
    if (!format)
        return sendError(sink, format.status());
    if (!doc)
        return sendError(sink, doc.status());
    sendJson(sink, 200, *doc);
}

void serveOpenApi(const http::Request &request, const std::vector<std::string> &parts,
                  http::ResponseSink &sink) {
    // The model builds each document once, with its hash in the index URL (clients cache by it).
    if (parts.size() == 2)
        return sendJson(sink, 200, openApiIndex());
    std::string gv;
    for (size_t i = 2; i < parts.size(); ++i)
        gv += (gv.empty() ? "" : "/") + parts[i];
    std::string hash;
    const std::string *text = openApiDocumentText(gv, hash);
    if (!text)
        return sendError(sink, Status(StatusCode::NotFound,
                                      "the OpenAPI document for " + gv + " is not served"));
    http::Response response;
    response.status = 200;
    response.headers["Content-Type"] = "application/json";
    response.headers["Etag"] = "\"" + hash + "\"";
    response.headers["Cache-Control"] =
        request.hasQuery("hash") ? "public, immutable" : "no-cache, private";
    response.body = *text;
    sink.send(std::move(response));
}
} // namespace

bool ApiServer::serveNonResource(const http::Request &request, http::ResponseSink &sink) {
    const std::string &path = request.path;
    auto parts = splitPath(path);
    if (request.method != "GET" && request.method != "HEAD") {
        if (parts.empty())
            return false;
        sendError(sink, Status(StatusCode::MethodNotAllowed,
                               "the server does not allow this method on the requested resource"));
        return true;
    }
    if (path == "/version" || path == "/version/")
        return sendJson(sink, 200, versionInfo()), true;
    if (path == "/healthz" || path == "/livez")
        return sendText(sink, 200, "ok"), true;
    if (path == "/readyz") {
        bool ready = !m_options.ready || m_options.ready();
        return sendText(sink, ready ? 200 : 503, ready ? "ok" : "not ready"), true;
    }
    if (path == "/metrics") {
        http::Response response;
        response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8";
        response.body = metrics::Registry::global().render();
        sink.send(std::move(response));
        return true;
    }
    if (parts.size() >= 2 && parts[0] == "openapi" && parts[1] == "v3")
        return serveOpenApi(request, parts, sink), true;
    if (parts.size() >= 2 && parts[0] == "openapi")
        return sendError(sink, Status(StatusCode::NotFound,
                                      "the server could not find the requested resource "
                                      "(OpenAPI v2 is not served; use /openapi/v3)")),
               true;
    if (parts.size() == 1 && parts[0] == "api") {
        std::string address = (m_options.advertiseAddress.empty() ? std::string("127.0.0.1")
                                                                  : m_options.advertiseAddress) +
                              ":" + std::to_string(m_options.advertisePort);
        return sendDiscovery(request, sink, apiVersions(address)), true;
    }
    if (parts.size() == 2 && parts[0] == "api")
        return sendDiscovery(request, sink, apiResourceList("", parts[1])), true;
    if (parts.size() == 1 && parts[0] == "apis") {
        Json groups = apiGroupList();
        for (const auto &extension : m_extensions)
            groups["groups"].push_back(extensionGroupJson(*extension));
        return sendDiscovery(request, sink, groups), true;
    }
    if (parts.size() == 2 && parts[0] == "apis") {
        if (const ApiExtension *extension = extensionFor(parts[1], "")) {
            Json group = extensionGroupJson(*extension);
            group["kind"] = "APIGroup";
            group["apiVersion"] = "v1";
            return sendDiscovery(request, sink, group), true;
        }
        return sendDiscovery(request, sink, apiGroup(parts[1])), true;
    }
    if (parts.size() == 3 && parts[0] == "apis") {
        if (const ApiExtension *extension = extensionFor(parts[1], parts[2]))
            return sendDiscovery(request, sink, extensionResourceList(*extension)), true;
        return sendDiscovery(request, sink, apiResourceList(parts[1], parts[2])), true;
    }
    return false;
}

Status ApiServer::ensureObject(const model::ResourceType &type, const std::string &ns,
                               Json object) {
    CallContext ctx;
    ctx.user = {"system:apiserver", {auth::kGroupMasters}};
    // Existing objects stay as they are (a restart must not re-allocate the service IP).
    if (m_service->get(type, ns, metaString(object, "name"), ctx))
        return Status::ok();
    auto created = m_service->create(type, ns, std::move(object), ctx);
    if (created || created.status().code() == StatusCode::AlreadyExists)
        return Status::ok();
    return created.status();
}

Status ApiServer::bootstrap() {
    const auto *namespaces = model::findResource("", "v1", "namespaces");
    const auto *services = model::findResource("", "v1", "services");
    const auto *endpoints = model::findResource("", "v1", "endpoints");
    if (!namespaces || !services || !endpoints)
        return Status(StatusCode::Internal, "the core resource types are not registered");
    for (const char *name : {"default", "kube-system", "kube-public", "kube-node-lease"})
        if (Status s = ensureObject(*namespaces, "", {{"metadata", {{"name", name}}}}); !s)
            return s;
    // The first address of the service range, as Kubernetes gives its own API service.
    ServiceAllocator probe(m_options.serviceCidr, m_options.nodePortRange);
    Json service = {{"metadata",
                     {{"name", "kubernetes"},
                      {"labels", {{"component", "apiserver"}, {"provider", "kubernetes"}}}}},
                    {"spec",
                     {{"type", "ClusterIP"},
                      {"clusterIP", probe.firstHostAddress()},
                      {"ports", Json::array({{{"name", "https"},
                                              {"port", 443},
                                              {"protocol", "TCP"},
                                              {"targetPort", m_options.advertisePort}}})}}}};
    if (Status s = ensureObject(*services, "default", service); !s)
        return s;
    if (m_options.advertiseAddress.empty())
        return Status::ok();
    Json eps = {{"metadata", {{"name", "kubernetes"}}},
                {"subsets",
                 Json::array({{{"addresses", Json::array({{{"ip", m_options.advertiseAddress}}})},
                               {"ports", Json::array({{{"name", "https"},
                                                       {"port", m_options.advertisePort},
                                                       {"protocol", "TCP"}}})}}})}};
    return ensureObject(*endpoints, "default", eps);
}

} // namespace cox::apiserver
