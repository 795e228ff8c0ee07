// EndpointsController; see endpoints_controller.h.
#include "controllers/endpoints_controller.h"

#include "controllers/object_util.h"
#include "model/label_selector.h"

#include <algorithm>
#include <map>

namespace cox::controllers {

namespace {
const model::ResourceType &endpointsType() {
    return resourceType("", "endpoints");
}

std::optional<model::LabelSelector> selectorOf(const Json &service) {
    const Json &selector = at(service, {"spec", "selector"});
    if (!selector.is_object() || selector.empty())
        return std::nullopt;
    std::map<std::string, std::string> labels;
    for (const auto &[k, v] : selector.items())
        if (v.is_string())
            labels[k] = v.get<std::string>();
    return model::LabelSelector::fromMap(labels);
}

// The pod's port for a service port, or nullopt when a named targetPort is not on the pod.
std::optional<int64_t> resolvePort(const Json &pod, const Json &servicePort) {
    const Json &target = at(servicePort, {"targetPort"});
    if (target.is_number_integer())
        return target.get<int64_t>();
    if (!target.is_string())
        return intAt(servicePort, {"port"}, 0);
    std::string name = target.get<std::string>();
    const Json &containers = at(pod, {"spec", "containers"});
    if (containers.is_array())
        for (const auto &c : containers)
            for (const auto &p : at(c, {"ports"}))
                if (p.value("name", std::string()) == name)
                    return intAt(p, {"containerPort"}, 0);
    return std::nullopt;
}
} // namespace

EndpointsController::EndpointsController(apiserver::ResourceService &api,
                                         SharedInformers &informers)
    : Controller("endpoints-controller", api.clock())
    , m_api(api)
    , m_services(informers.forResource("", "services"))
    , m_pods(informers.pods())
    , m_endpoints(informers.forResource("", "endpoints")) {
    auto enqueue = [this](const Json &o) {
        queue().add(objectKey(o));
    };
    m_services.addEventHandler(
        {enqueue, [enqueue](const Json &, const Json &n) { enqueue(n); }, enqueue});
    m_pods.addEventHandler({[this](const Json &p) { enqueueServicesFor(p); },
                            [this](const Json &o, const Json &n) {
                                enqueueServicesFor(o);
                                enqueueServicesFor(n);
                            },
                            [this](const Json &p) {
                                enqueueServicesFor(p);
                            }});
    // Someone else changing or deleting our Endpoints: put it back.
    m_endpoints.addEventHandler(
        {nullptr, [enqueue](const Json &, const Json &n) { enqueue(n); }, enqueue});
}

EndpointsController::~EndpointsController() {
    stop();
}

void EndpointsController::enqueueServicesFor(const Json &pod) {
    for (const auto &svc : m_services.byIndex(kIndexNamespace, metaString(pod, "namespace"))) {
        auto selector = selectorOf(*svc);
        if (selector && selector->matches(labelsOf(pod)))
            queue().add(objectKey(*svc));
    }
}

Json EndpointsController::desiredSubsets(const Json &service) const {
    auto selector = selectorOf(service);
    bool publishNotReady = at(service, {"spec", "publishNotReadyAddresses"}) == true;
    const Json &ports = at(service, {"spec", "ports"});
    // Pods resolving the service ports to the same numbers share a subset.
    std::map<std::string, Json> subsets;
    for (const auto &pod : m_pods.byIndex(kIndexNamespace, metaString(service, "namespace"))) {
        std::string ip = stringAt(*pod, {"status", "podIP"});
        if (ip.empty() || !isPodActive(*pod) || !selector->matches(labelsOf(*pod)))
            continue;
        Json subsetPorts = Json::array();
        for (const auto &p : ports.is_array() ? ports : Json::array()) {
            auto port = resolvePort(*pod, p);
            if (!port)
                continue;
            Json ep = {{"port", *port}, {"protocol", p.value("protocol", std::string("TCP"))}};
            if (p.contains("name"))
                ep["name"] = p["name"];
            subsetPorts.push_back(std::move(ep));
        }
        Json address = {{"ip", ip},
                        {"targetRef",
                         {{"kind", "Pod"},
                          {"namespace", metaString(*pod, "namespace")},
                          {"name", metaString(*pod, "name")},
                          {"uid", metaString(*pod, "uid")}}}};
        std::string node = stringAt(*pod, {"spec", "nodeName"});
        if (!node.empty())
            address["nodeName"] = node;
        Json &subset = subsets[subsetPorts.dump()];
        if (subset.is_null())
            subset = {{"addresses", Json::array()},
                      {"notReadyAddresses", Json::array()},
                      {"ports", subsetPorts}};
        bool ready = publishNotReady || isPodReady(*pod);
        subset[ready ? "addresses" : "notReadyAddresses"].push_back(std::move(address));
    }
    Json out = Json::array();
    for (auto &[ports, subset] : subsets) {
        for (const char *list : {"addresses", "notReadyAddresses"}) {
            Json &a = subset[list];
            std::sort(a.begin(), a.end(),
                      [](const Json &x, const Json &y) { return x["ip"] < y["ip"]; });
            if (a.empty())
                subset.erase(list);
        }
        out.push_back(std::move(subset));
    }
    return out;
}

Status EndpointsController::reconcile(const std::string &key) {
    auto [ns, name] = splitKey(key);
    auto ctx = controllerContext();
    ObjectPtr service = m_services.get(key);
    if (!service) {
        if (!m_endpoints.get(key))
            return Status::ok();
        auto removed = m_api.remove(endpointsType(), ns, name, {}, ctx);
        return removed || removed.status().code() == StatusCode::NotFound ? Status::ok()
                                                                          : removed.status();
    }
    if (!selectorOf(*service))
        return Status::ok(); // endpoints of selector-less services are the user's
    Json subsets = desiredSubsets(*service);
    ObjectPtr current = m_endpoints.get(key);
    Json labels = labelsOf(*service);
    if (current && at(*current, {"subsets"}) == subsets && labelsOf(*current) == labels)
        return Status::ok();
    Json endpoints = current ? *current
                             : Json{{"apiVersion", "v1"},
                                    {"kind", "Endpoints"},
                                    {"metadata", {{"name", name}, {"namespace", ns}}}};
    endpoints["subsets"] = subsets;
    endpoints["metadata"]["labels"] = labels;
    auto written = current ? m_api.update(endpointsType(), ns, name, std::move(endpoints), ctx)
                           : m_api.create(endpointsType(), ns, std::move(endpoints), ctx);
    return written.status();
}

} // namespace cox::controllers
