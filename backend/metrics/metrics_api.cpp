// MetricsApi: routing, object lookups and the NodeMetrics/PodMetrics JSON.
#include "metrics/metrics_api.h"

#include "apiserver/http_codec.h"
#include "model/resource_type.h"

#include <cstdio>
#include <map>

namespace cox::metrics {

using model::Json;

namespace {
const char *kGroupVersion = "metrics.k8s.io/v1beta1";

apiserver::CallContext internalContext() {
    apiserver::CallContext ctx;
    ctx.user = {"system:apiserver", {auth::kGroupMasters}};
    return ctx;
}

Json usageJson(int64_t nanoCores, int64_t memoryBytes) {
    return {{"cpu", std::to_string(nanoCores) + "n"},
            {"memory", std::to_string(memoryBytes / 1024) + "Ki"}};
}

std::string windowText(std::chrono::milliseconds window) {
    double seconds = double(window.count()) / 1000.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%gs", seconds);
    return buf;
}

Json metaFrom(const Json &object, WallTime now) {
    const Json meta = object.value("metadata", Json::object());
    Json out = {{"name", meta.value("name", "")}, {"creationTimestamp", formatRfc3339(now)}};
    if (meta.contains("namespace"))
        out["namespace"] = meta["namespace"];
    if (meta.contains("labels"))
        out["labels"] = meta["labels"];
    return out;
}

Status notFound(const std::string &resource, const std::string &name) {
    return Status(StatusCode::NotFound, resource + ".metrics.k8s.io \"" + name + "\" not found");
}
} // namespace

MetricsApi::MetricsApi(apiserver::ResourceService &service, const MetricsStore &store,
                       const Clock &clock)
    : m_service(service)
    , m_store(store)
    , m_clock(clock) {}

Json MetricsApi::resources() const {
    Json verbs = Json::array({"get", "list"});
    return Json::array({{{"name", "nodes"},
                         {"singularName", ""},
                         {"namespaced", false},
                         {"kind", "NodeMetrics"},
                         {"verbs", verbs}},
                        {{"name", "pods"},
                         {"singularName", ""},
                         {"namespaced", true},
                         {"kind", "PodMetrics"},
                         {"verbs", verbs}}});
}

Json MetricsApi::nodeMetrics(const Json &node, const NodeUsage &usage) const {
    return {{"kind", "NodeMetrics"},
            {"apiVersion", kGroupVersion},
            {"metadata", metaFrom(node, m_clock.now())},
            {"timestamp", formatRfc3339(usage.timestamp)},
            {"window", windowText(usage.window)},
            {"usage", usageJson(usage.cpuNanoCores, usage.memoryBytes)}};
}

Json MetricsApi::podMetrics(const Json &pod, const PodUsage &usage) const {
    Json containers = Json::array();
    for (const ContainerUsage &c : usage.containers)
        containers.push_back(
            {{"name", c.name}, {"usage", usageJson(c.cpuNanoCores, c.memoryBytes)}});
    return {{"kind", "PodMetrics"},
            {"apiVersion", kGroupVersion},
            {"metadata", metaFrom(pod, m_clock.now())},
            {"timestamp", formatRfc3339(usage.timestamp)},
            {"window", windowText(usage.window)},
            {"containers", containers}};
}

Result<Json> MetricsApi::getNode(const std::string &name) const {
    auto usage = m_store.node(name);
    if (!usage)
        return notFound("nodemetrics", name);
    auto node = m_service.get(*model::findResource("", "v1", "nodes"), "", name, internalContext());
    if (!node)
        return notFound("nodemetrics", name);
    return nodeMetrics(*node, *usage);
}

Result<Json> MetricsApi::listNodes(const http::Request &request) const {
    apiserver::ListOptions options;
    options.labelSelector = request.queryValue("labelSelector");
    options.fieldSelector = request.queryValue("fieldSelector");
    auto list =
        m_service.list(*model::findResource("", "v1", "nodes"), "", options, internalContext());
    if (!list)
        return list.status();
    std::map<std::string, NodeUsage> usage;
    for (NodeUsage &n : m_store.nodes())
        usage[n.name] = std::move(n);
    Json items = Json::array();
    for (const Json &node : list->value("items", Json::array())) {
        auto it = usage.find(node["metadata"].value("name", ""));
        if (it != usage.end())
            items.push_back(nodeMetrics(node, it->second));
    }
    return Json{{"kind", "NodeMetricsList"},
                {"apiVersion", kGroupVersion},
                {"metadata", Json::object()},
                {"items", items}};
}

Result<Json> MetricsApi::getPod(const std::string &ns, const std::string &name) const {
    auto usage = m_store.pod(ns, name);
    if (!usage)
        return notFound("podmetrics", name);
    auto pod = m_service.get(*model::findResource("", "v1", "pods"), ns, name, internalContext());
    if (!pod)
        return notFound("podmetrics", name);
    return podMetrics(*pod, *usage);
}

Result<Json> MetricsApi::listPods(const http::Request &request, const std::string &ns) const {
    apiserver::ListOptions options;
    options.labelSelector = request.queryValue("labelSelector");
    options.fieldSelector = request.queryValue("fieldSelector");
    auto list =
        m_service.list(*model::findResource("", "v1", "pods"), ns, options, internalContext());
    if (!list)
        return list.status();
    std::map<std::pair<std::string, std::string>, PodUsage> usage;
    for (PodUsage &p : m_store.pods(ns))
        usage[{p.namespaceName, p.name}] = std::move(p);
    Json items = Json::array();
    for (const Json &pod : list->value("items", Json::array())) {
        const Json &meta = pod["metadata"];
        auto it = usage.find({meta.value("namespace", ""), meta.value("name", "")});
        if (it != usage.end())
            items.push_back(podMetrics(pod, it->second));
    }
    return Json{{"kind", "PodMetricsList"},
                {"apiVersion", kGroupVersion},
                {"metadata", Json::object()},
                {"items", items}};
}

void MetricsApi::serve(const http::Request &request, const apiserver::RequestInfo &info,
                       const auth::UserInfo &, http::ResponseSink &sink) {
    apiserver::ErrorDetails details{info.name, group(), info.resource, {}, 0};
    bool nodes = info.resource == "nodes" && info.namespaceName.empty();
    bool pods = info.resource == "pods";
    if ((!nodes && !pods) || !info.subresource.empty())
        return apiserver::sendError(
            sink, Status(StatusCode::NotFound, "the server could not find the requested resource"),
            details);
    if (info.verb != "get" && info.verb != "list")
        return apiserver::sendError(
            sink,
            Status(StatusCode::MethodNotAllowed,
                   "the server does not allow this method on the requested resource"),
            details);
    Result<Json> answer = nodes ? (info.verb == "get" ? getNode(info.name) : listNodes(request))
                                : (info.verb == "get" ? getPod(info.namespaceName, info.name)
                                                      : listPods(request, info.namespaceName));
    if (!answer)
        return apiserver::sendError(sink, answer.status(), details);
    apiserver::sendJson(sink, 200, *answer);
}

} // namespace cox::metrics
