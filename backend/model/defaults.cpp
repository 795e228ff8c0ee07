#include "model/defaults.h"

#include <string>

namespace cox::model {

namespace {

// Sets obj[key] = value unless the key holds a non-null value; creates obj when null.
void setDefault(Json &obj, const char *key, Json value) {
    if (obj.is_null())
        obj = Json::object();
    if (!obj.is_object())
        return;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        obj[key] = std::move(value);
}

// The object at obj[key], created empty when missing; nullptr when obj[key] is not an object.
Json *child(Json &obj, const char *key) {
    if (!obj.is_object())
        return nullptr;
    Json &c = obj[key];
    if (c.is_null())
        c = Json::object();
    return c.is_object() ? &c : nullptr;
}

// An existing object at obj[key], nullptr when absent or not an object.
Json *existing(Json &obj, const char *key) {
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(key);
    return it != obj.end() && it->is_object() ? &*it : nullptr;
}

template<typename F>
void forEachIn(Json &obj, const char *key, F &&f) {
    if (!obj.is_object())
        return;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array())
        return;
    for (Json &item : *it)
        if (item.is_object())
            f(item);
}

// Kubernetes: Always when the tag is "latest" or absent (and no digest), else IfNotPresent.
std::string defaultPullPolicy(const std::string &image) {
    if (image.find('@') != std::string::npos)
        return "IfNotPresent";
    auto slash = image.rfind('/');
    auto colon = image.rfind(':');
    bool hasTag = colon != std::string::npos && (slash == std::string::npos || colon > slash);
    if (!hasTag || image.substr(colon + 1) == "latest")
        return "Always";
    return "IfNotPresent";
}

void defaultHandler(Json &handler) {
    if (Json *get = existing(handler, "httpGet")) {
        setDefault(*get, "path", "/");
        setDefault(*get, "scheme", "HTTP");
    }
}

void defaultProbe(Json &container, const char *key) {
    Json *probe = existing(container, key);
    if (!probe)
        return;
    setDefault(*probe, "timeoutSeconds", 1);
    setDefault(*probe, "periodSeconds", 10);
    setDefault(*probe, "successThreshold", 1);
    setDefault(*probe, "failureThreshold", 3);
    defaultHandler(*probe);
}

void defaultEnv(Json &container) {
    forEachIn(container, "env", [](Json &env) {
        if (Json *from = existing(env, "valueFrom"))
            if (Json *ref = existing(*from, "fieldRef"))
                setDefault(*ref, "apiVersion", "v1");
    });
}

// Requests default to limits, resource by resource (SetDefaults_Pod).
void defaultResources(Json &container) {
    Json *resources = existing(container, "resources");
    if (!resources)
        return;
    Json *limits = existing(*resources, "limits");
    if (!limits || limits->empty())
        return;
    Json *requests = child(*resources, "requests");
    if (!requests)
        return;
    for (const auto &[name, value] : limits->items())
        setDefault(*requests, name.c_str(), value);
}

void defaultContainer(Json &c, bool hostNetwork) {
    auto it = c.find("image");
    std::string image = it != c.end() && it->is_string() ? it->get<std::string>() : "";
    setDefault(c, "imagePullPolicy", defaultPullPolicy(image));
    setDefault(c, "terminationMessagePath", "/dev/termination-log");
    setDefault(c, "terminationMessagePolicy", "File");
    forEachIn(c, "ports", [hostNetwork](Json &port) {
        setDefault(port, "protocol", "TCP");
        if (hostNetwork && port.contains("containerPort"))
            setDefault(port, "hostPort", port["containerPort"]);
    });
    defaultProbe(c, "livenessProbe");
    defaultProbe(c, "readinessProbe");
    defaultProbe(c, "startupProbe");
    if (Json *lifecycle = existing(c, "lifecycle")) {
        if (Json *h = existing(*lifecycle, "postStart"))
            defaultHandler(*h);
        if (Json *h = existing(*lifecycle, "preStop"))
            defaultHandler(*h);
    }
    defaultEnv(c);
    defaultResources(c);
}

bool hasVolumeSource(const Json &volume) {
    for (const auto &[key, value] : volume.items())
        if (key != "name" && !value.is_null())
            return true;
    return false;
}

void defaultVolume(Json &v) {
    // A volume without a source is an emptyDir (SetDefaults_Volume).
    if (!hasVolumeSource(v))
        v["emptyDir"] = Json::object();
    for (const char *source : {"secret", "configMap", "downwardAPI", "projected"})
        if (Json *s = existing(v, source))
            setDefault(*s, "defaultMode", 0644);
    if (Json *hp = existing(v, "hostPath"))
        setDefault(*hp, "type", "");
}

void defaultPod(Json &pod) {
    Json *spec = child(pod, "spec");
    if (!spec)
        return;
    applyPodSpecDefaults(*spec);
    setDefault(*spec, "enableServiceLinks", true);
}

void defaultDeployment(Json &obj) {
    Json *spec = child(obj, "spec");
    if (!spec)
        return;
    setDefault(*spec, "replicas", 1);
    setDefault(*spec, "revisionHistoryLimit", 10);
    setDefault(*spec, "progressDeadlineSeconds", 600);
    if (Json *strategy = child(*spec, "strategy")) {
        setDefault(*strategy, "type", "RollingUpdate");
        if ((*strategy)["type"] == "RollingUpdate") {
            Json *rolling = child(*strategy, "rollingUpdate");
            if (rolling) {
                setDefault(*rolling, "maxUnavailable", "25%");
                setDefault(*rolling, "maxSurge", "25%");
            }
        }
    }
    if (Json *tmpl = existing(*spec, "template"))
        defaultPod(*tmpl);
}

void defaultReplicaSet(Json &obj) {
    Json *spec = child(obj, "spec");
    if (!spec)
        return;
    setDefault(*spec, "replicas", 1);
    if (Json *tmpl = existing(*spec, "template"))
        defaultPod(*tmpl);
}

void defaultService(Json &obj) {
    Json *spec = child(obj, "spec");
    if (!spec)
        return;
    setDefault(*spec, "type", "ClusterIP");
    setDefault(*spec, "sessionAffinity", "None");
    const Json type = (*spec)["type"];
    if ((*spec)["sessionAffinity"] == "ClientIP") {
        Json *config = child(*spec, "sessionAffinityConfig");
        if (Json *clientIp = config ? child(*config, "clientIP") : nullptr)
            setDefault(*clientIp, "timeoutSeconds", 10800);
    }
    forEachIn(*spec, "ports", [&type](Json &port) {
        setDefault(port, "protocol", "TCP");
        auto target = port.find("targetPort");
        bool unset = target == port.end() || target->is_null() || *target == 0 || *target == "";
        if (unset && port.contains("port") && type != "ExternalName")
            port["targetPort"] = port["port"];
    });
    if (type == "ExternalName")
        return;
    setDefault(*spec, "internalTrafficPolicy", "Cluster");
    if (type == "NodePort" || type == "LoadBalancer")
        setDefault(*spec, "externalTrafficPolicy", "Cluster");
    if (type == "LoadBalancer")
        setDefault(*spec, "allocateLoadBalancerNodePorts", true);
    setDefault(*spec, "ipFamilyPolicy", "SingleStack");
    setDefault(*spec, "ipFamilies", Json::array({"IPv4"}));
}

void defaultNamespace(Json &obj) {
    if (Json *status = child(obj, "status"))
        setDefault(*status, "phase", "Active");
    // Kubernetes labels every namespace with its own name (SetDefaults_Namespace).
    Json *meta = existing(obj, "metadata");
    if (!meta || !meta->contains("name") || !(*meta)["name"].is_string())
        return;
    if (Json *labels = child(*meta, "labels"))
        (*labels)["kubernetes.io/metadata.name"] = (*meta)["name"];
}

void defaultNode(Json &obj) {
    Json *status = existing(obj, "status");
    if (status && status->contains("capacity"))
        setDefault(*status, "allocatable", (*status)["capacity"]);
}

void defaultEndpoints(Json &obj) {
    forEachIn(obj, "subsets", [](Json &subset) {
        forEachIn(subset, "ports", [](Json &port) { setDefault(port, "protocol", "TCP"); });
    });
}

Json defaultScalingRules(bool up) {
    if (up)
        return {{"stabilizationWindowSeconds", 0},
                {"selectPolicy", "Max"},
                {"policies",
                 Json::array({{{"type", "Pods"}, {"value", 4}, {"periodSeconds", 15}},
                              {{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}})}};
    return {
        {"selectPolicy", "Max"},
        {"policies", Json::array({{{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}})}};
}

void defaultHpa(Json &obj) {
    Json *spec = child(obj, "spec");
    if (!spec)
        return;
    setDefault(*spec, "minReplicas", 1);
    auto metrics = spec->find("metrics");
    if (metrics == spec->end() || metrics->is_null() || metrics->empty())
        (*spec)["metrics"] =
            Json::array({{{"type", "Resource"},
                          {"resource",
                           {{"name", "cpu"},
                            {"target", {{"type", "Utilization"}, {"averageUtilization", 80}}}}}}});
    Json *behavior = existing(*spec, "behavior");
    if (!behavior)
        return;
    for (bool up : {true, false}) {
        Json *rules = child(*behavior, up ? "scaleUp" : "scaleDown");
        if (!rules)
            continue;
        const Json defaults = defaultScalingRules(up); // named: items() must not dangle
        for (const auto &[key, value] : defaults.items())
            setDefault(*rules, key.c_str(), value);
    }
}

} // namespace

void applyPodSpecDefaults(Json &spec) {
    if (!spec.is_object())
        return;
    setDefault(spec, "restartPolicy", "Always");
    setDefault(spec, "terminationGracePeriodSeconds", 30);
    setDefault(spec, "dnsPolicy", "ClusterFirst");
    setDefault(spec, "schedulerName", "default-scheduler");
    setDefault(spec, "securityContext", Json::object());
    bool hostNetwork = spec.value("hostNetwork", Json(false)) == true;
    forEachIn(spec, "containers", [&](Json &c) { defaultContainer(c, hostNetwork); });
    forEachIn(spec, "initContainers", [&](Json &c) { defaultContainer(c, hostNetwork); });
    forEachIn(spec, "ephemeralContainers", [&](Json &c) { defaultContainer(c, hostNetwork); });
    forEachIn(spec, "volumes", defaultVolume);
}

void applyDefaults(const ResourceType &type, Json &object) {
    if (!object.is_object())
        return;
    const std::string &kind = type.kind;
    if (kind == "Pod")
        defaultPod(object);
    else if (kind == "Deployment")
        defaultDeployment(object);
    else if (kind == "ReplicaSet")
        defaultReplicaSet(object);
    else if (kind == "Service")
        defaultService(object);
    else if (kind == "Namespace")
        defaultNamespace(object);
    else if (kind == "Secret")
        setDefault(object, "type", "Opaque");
    else if (kind == "Node")
        defaultNode(object);
    else if (kind == "Endpoints")
        defaultEndpoints(object);
    else if (kind == "HorizontalPodAutoscaler")
        defaultHpa(object);
    // ConfigMap, Event and Lease have no defaults in Kubernetes.
}

} // namespace cox::model
