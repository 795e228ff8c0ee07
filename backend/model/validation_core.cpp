// Validation of the core kinds other than Pod: Service, Node, Namespace, ConfigMap, Secret,
// Event, and coordination.k8s.io Lease.
#include "model/object_validation_rules.h"

#include <set>

namespace cox::model::rules {

namespace {

constexpr long long kMaxDataBytes = 1024 * 1024;
constexpr int kMinNodePort = 30000;
constexpr int kMaxNodePort = 32767;

void validateServicePort(Errors &errs, const Json &port, const std::string &path,
                         const std::string &type, bool named) {
    std::string name = str(port, "name");
    if (named && name.empty())
        errs.required(child(path, "name"));
    else if (!name.empty())
        errs.addAll(child(path, "name"), name, checkDns1123Label(name));
    auto number = integer(port, "port");
    if (!number)
        errs.required(child(path, "port"));
    else
        errs.addAll(child(path, "port"), *number, checkPortNumber(*number));
    std::string protocol = str(port, "protocol");
    if (member(port, "protocol") && protocol != "TCP" && protocol != "UDP" && protocol != "SCTP")
        errs.notSupported(child(path, "protocol"), protocol, {"SCTP", "TCP", "UDP"});
    if (const Json *target = member(port, "targetPort"))
        if (!(target->is_number_integer() && target->get<long long>() == 0))
            portNumOrName(errs, *target, child(path, "targetPort"));
    auto nodePort = integer(port, "nodePort");
    if (!nodePort || *nodePort == 0)
        return;
    if (type == "ClusterIP" || type == "ExternalName")
        errs.forbidden(child(path, "nodePort"), "may not be used when `type` is '" + type + "'");
    else if (*nodePort < kMinNodePort || *nodePort > kMaxNodePort)
        errs.invalid(child(path, "nodePort"), *nodePort,
                     "provided port is not in the valid range. The range of valid ports is " +
                         std::to_string(kMinNodePort) + "-" + std::to_string(kMaxNodePort));
}

void validateServicePorts(Errors &errs, const Json &spec, const std::string &type) {
    const Json &ports = array(spec, "ports");
    if (ports.empty() && type != "ExternalName" && str(spec, "clusterIP") != "None")
        errs.required("spec.ports");
    std::set<std::string> names, numbers;
    for (size_t i = 0; i < ports.size(); ++i) {
        std::string path = index("spec.ports", i);
        validateServicePort(errs, ports[i], path, type, ports.size() > 1);
        std::string name = str(ports[i], "name");
        if (!name.empty() && !names.insert(name).second)
            errs.duplicate(child(path, "name"), name);
        if (auto n = integer(ports[i], "port")) {
            std::string protocol = str(ports[i], "protocol");
            std::string id = std::to_string(*n) + "/" + (protocol.empty() ? "TCP" : protocol);
            if (!numbers.insert(id).second)
                errs.duplicate(path, id);
        }
    }
}

void validateClusterIp(Errors &errs, const Json &spec, const std::string &type) {
    std::string ip = str(spec, "clusterIP");
    if (type == "ExternalName") {
        if (!ip.empty())
            errs.forbidden("spec.clusterIP", "may not be set for ExternalName services");
        return;
    }
    if (!ip.empty() && ip != "None")
        errs.addAll("spec.clusterIP", ip, checkIPv4(ip));
    if (ip == "None" && (type == "NodePort" || type == "LoadBalancer"))
        errs.invalid("spec.clusterIP", ip, "may not be set to 'None' for " + type + " services");
    const Json &ips = array(spec, "clusterIPs");
    if (!ips.empty() && !ip.empty() && ips[0] != ip)
        errs.invalid("spec.clusterIPs[0]", ips[0], "must match `clusterIP` when both are set");
}

// Keys of ConfigMap/Secret data; returns the bytes counted toward the size limit.
long long validateDataKeys(Errors &errs, const Json &data, const char *field,
                           std::set<std::string> &seen) {
    long long bytes = 0;
    for (const auto &[k, v] : data.items()) {
        std::string path = key(field, k);
        bool ok = !k.empty() && k.size() <= 253 && k != "." && k != "..";
        for (char c : k)
            ok = ok &&
                 (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
        if (!ok)
            errs.invalid(path, k,
                         "a valid config key must consist of alphanumeric characters, "
                         "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                         "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        if (!seen.insert(k).second)
            errs.invalid(path, k, "duplicate of key present in another data field");
        if (v.is_string())
            bytes += (long long)v.get_ref<const std::string &>().size();
    }
    return bytes;
}

bool isBase64(const std::string &s) {
    if (s.size() % 4 != 0)
        return false;
    size_t pad = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '=') {
            ++pad;
            continue;
        }
        if (pad > 0 || !(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/'))
            return false;
    }
    return pad <= 2;
}

} // namespace

void validateService(Errors &errs, const Json &obj) {
    const Json *spec = member(obj, "spec");
    if (!spec)
        return errs.required("spec");
    std::string type = member(*spec, "type") ? str(*spec, "type") : "ClusterIP";
    if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" &&
        type != "ExternalName")
        errs.notSupported("spec.type", type,
                          {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"});
    validateServicePorts(errs, *spec, type);
    validateClusterIp(errs, *spec, type);
    if (type == "ExternalName") {
        std::string name = str(*spec, "externalName");
        if (name.empty())
            errs.required("spec.externalName");
        else
            errs.addAll("spec.externalName", name, checkDns1123Subdomain(name));
    }
    if (const Json *a = member(*spec, "sessionAffinity"); a && *a != "None" && *a != "ClientIP")
        errs.notSupported("spec.sessionAffinity", *a, {"ClientIP", "None"});
    if (const Json *p = member(*spec, "externalTrafficPolicy")) {
        if (type != "NodePort" && type != "LoadBalancer")
            errs.invalid("spec.externalTrafficPolicy", *p,
                         "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
        else if (*p != "Cluster" && *p != "Local")
            errs.notSupported("spec.externalTrafficPolicy", *p, {"Cluster", "Local"});
    }
    if (const Json *p = member(*spec, "internalTrafficPolicy");
        p && *p != "Cluster" && *p != "Local")
        errs.notSupported("spec.internalTrafficPolicy", *p, {"Cluster", "Local"});
    validateLabels(errs, object(*spec, "selector"), "spec.selector");
    const Json &external = array(*spec, "externalIPs");
    for (size_t i = 0; i < external.size(); ++i)
        if (external[i].is_string())
            errs.addAll(index("spec.externalIPs", i), external[i],
                        checkIPv4(external[i].get<std::string>()));
}

void validateNode(Errors &errs, const Json &obj) {
    const Json &taints = array(object(obj, "spec"), "taints");
    std::set<std::string> seen;
    for (size_t i = 0; i < taints.size(); ++i) {
        std::string path = index("spec.taints", i);
        std::string k = str(taints[i], "key");
        if (k.empty())
            errs.required(child(path, "key"));
        else
            errs.addAll(child(path, "key"), k, checkQualifiedName(k));
        if (std::string v = str(taints[i], "value"); !v.empty())
            errs.addAll(child(path, "value"), v, checkLabelValue(v));
        std::string effect = str(taints[i], "effect");
        if (effect.empty())
            errs.required(child(path, "effect"));
        else if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute")
            errs.notSupported(child(path, "effect"), effect,
                              {"NoExecute", "NoSchedule", "PreferNoSchedule"});
        if (!seen.insert(k + ":" + effect).second)
            errs.duplicate(path, k + ":" + effect);
    }
    const Json &status = object(obj, "status");
    for (const char *part : {"capacity", "allocatable"})
        for (const auto &[name, value] : object(status, part).items())
            errs.addAll(key(child("status", part), name), name, checkQualifiedName(name));
}

void validateNamespace(Errors &errs, const Json &obj) {
    const Json &finalizers = array(object(obj, "spec"), "finalizers");
    for (size_t i = 0; i < finalizers.size(); ++i)
        if (finalizers[i].is_string())
            errs.addAll(index("spec.finalizers", i), finalizers[i],
                        checkQualifiedName(finalizers[i].get<std::string>()));
    std::string phase = str(object(obj, "status"), "phase");
    if (!phase.empty() && phase != "Active" && phase != "Terminating")
        errs.notSupported("status.phase", phase, {"Active", "Terminating"});
}

void validateConfigMap(Errors &errs, const Json &obj) {
    std::set<std::string> seen;
    long long bytes = validateDataKeys(errs, object(obj, "data"), "data", seen);
    const Json &binary = object(obj, "binaryData");
    bytes += validateDataKeys(errs, binary, "binaryData", seen);
    for (const auto &[k, v] : binary.items())
        if (v.is_string() && !isBase64(v.get<std::string>()))
            errs.invalid(key("binaryData", k), Json("<binary>"), "must be base64-encoded");
    if (bytes > kMaxDataBytes)
        errs.tooLong("", kMaxDataBytes);
}

void validateSecret(Errors &errs, const Json &obj) {
    std::set<std::string> seen;
    const Json &data = object(obj, "data");
    long long bytes = validateDataKeys(errs, data, "data", seen);
    for (const auto &[k, v] : data.items())
        if (v.is_string() && !isBase64(v.get<std::string>()))
            errs.invalid(key("data", k), Json("<secret contents redacted>"),
                         "must be base64-encoded");
    // stringData is merged into data on write; a key may appear in both (stringData wins).
    std::set<std::string> stringSeen;
    bytes += validateDataKeys(errs, object(obj, "stringData"), "stringData", stringSeen);
    if (bytes > kMaxDataBytes)
        errs.tooLong("data", kMaxDataBytes);
    auto has = [&](const char *k) {
        return data.contains(k) || object(obj, "stringData").contains(k);
    };
    std::string type = str(obj, "type");
    auto requireKey = [&](const char *k) {
        if (!has(k))
            errs.required(key("data", k));
    };
    if (type == "kubernetes.io/tls") {
        requireKey("tls.crt");
        requireKey("tls.key");
    } else if (type == "kubernetes.io/dockerconfigjson") {
        requireKey(".dockerconfigjson");
    } else if (type == "kubernetes.io/dockercfg") {
        requireKey(".dockercfg");
    } else if (type == "kubernetes.io/ssh-auth") {
        requireKey("ssh-privatekey");
    } else if (type == "kubernetes.io/service-account-token") {
        const Json &annotations = object(object(obj, "metadata"), "annotations");
        if (str(annotations, "kubernetes.io/service-account.name").empty())
            errs.required("metadata.annotations[kubernetes.io/service-account.name]");
    }
}

void validateLease(Errors &errs, const Json &obj) {
    const Json &spec = object(obj, "spec");
    if (auto d = integer(spec, "leaseDurationSeconds"); d && *d <= 0)
        errs.invalid("spec.leaseDurationSeconds", *d, "must be greater than 0");
    nonNegative(errs, spec, "leaseTransitions", "spec");
}

void validateEvent(Errors &errs, const Json &obj) {
    const Json &involved = object(obj, "involvedObject");
    std::string ns = str(object(obj, "metadata"), "namespace");
    std::string involvedNs = str(involved, "namespace");
    if (!involvedNs.empty() && involvedNs != ns)
        errs.invalid("involvedObject.namespace", involvedNs, "does not match event.namespace");
    if (const Json *type = member(obj, "type"); type && *type != "Normal" && *type != "Warning")
        errs.notSupported("type", *type, {"Normal", "Warning"});
    nonNegative(errs, obj, "count", "");
}

} // namespace cox::model::rules
