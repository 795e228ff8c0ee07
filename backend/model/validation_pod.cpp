// Pod validation: PodSpec (containers, ports, resources, probes, env, volumes, tolerations), pod
// templates of workloads, and the pod update rule (only a few spec fields may change).
#include "model/object_validation_rules.h"
#include "model/quantity.h"

#include <map>
#include <set>

namespace cox::model::rules {

namespace {

void validateResources(Errors &errs, const Json &resources, const std::string &path) {
    std::map<std::string, Quantity> limits;
    for (const char *part : {"limits", "requests"}) {
        const Json &list = object(resources, part);
        for (const auto &[name, value] : list.items()) {
            std::string p = key(child(path, part), name);
            errs.addAll(p, name, checkQualifiedName(name));
            if (!value.is_string() && !value.is_number())
                continue;
            auto q = Quantity::parse(value.is_string() ? value.get<std::string>() : value.dump());
            if (!q) {
                errs.invalid(p, value, q.status().message());
                continue;
            }
            if (q->milliValue() < 0) {
                errs.invalid(p, value, "must be greater than or equal to 0");
                continue;
            }
            if (std::string(part) == "limits") {
                limits.emplace(name, *q);
                continue;
            }
            auto limit = limits.find(name);
            if (limit != limits.end() && *q > limit->second)
                errs.invalid(p, value,
                             "must be less than or equal to " + name + " limit of " +
                                 limit->second.toString());
        }
    }
}

void validateHandler(Errors &errs, const Json &h, const std::string &path, bool allowSleep) {
    int handlers = 0;
    for (const char *kind : {"exec", "httpGet", "tcpSocket", "grpc", "sleep"}) {
        const Json *a = member(h, kind);
        if (!a)
            continue;
        if ((std::string(kind) == "grpc" && allowSleep) ||
            (std::string(kind) == "sleep" && !allowSleep))
            continue; // reported as unknown by the schema check
        if (++handlers > 1) {
            errs.forbidden(child(path, kind), "may not specify more than 1 handler type");
            continue;
        }
        std::string p = child(path, kind);
        if (std::string(kind) == "exec" && array(*a, "command").empty())
            errs.required(child(p, "command"));
        if (std::string(kind) == "httpGet" || std::string(kind) == "tcpSocket") {
            if (const Json *port = member(*a, "port"))
                portNumOrName(errs, *port, child(p, "port"));
            else
                errs.required(child(p, "port"));
        }
        if (std::string(kind) == "httpGet" && member(*a, "scheme") && str(*a, "scheme") != "HTTP" &&
            str(*a, "scheme") != "HTTPS")
            errs.notSupported(child(p, "scheme"), str(*a, "scheme"), {"HTTP", "HTTPS"});
        if (std::string(kind) == "grpc" && integer(*a, "port"))
            errs.addAll(child(p, "port"), *integer(*a, "port"),
                        checkPortNumber(*integer(*a, "port")));
    }
    if (handlers == 0)
        errs.required(path, "must specify a handler type");
}

void validateProbe(Errors &errs, const Json &c, const char *name, const std::string &cpath) {
    const Json *probe = member(c, name);
    if (!probe)
        return;
    std::string path = child(cpath, name);
    validateHandler(errs, *probe, path, false);
    for (const char *f : {"initialDelaySeconds", "timeoutSeconds", "periodSeconds",
                          "successThreshold", "failureThreshold"})
        nonNegative(errs, *probe, f, path);
    auto success = integer(*probe, "successThreshold");
    if (std::string(name) != "readinessProbe" && success && *success != 1)
        errs.invalid(child(path, "successThreshold"), *success, "must be 1");
    if (auto g = integer(*probe, "terminationGracePeriodSeconds"); g && *g <= 0)
        errs.invalid(child(path, "terminationGracePeriodSeconds"), *g, "must be greater than 0");
}

void validateEnv(Errors &errs, const Json &c, const std::string &cpath) {
    const Json &env = array(c, "env");
    for (size_t i = 0; i < env.size(); ++i) {
        std::string path = index(child(cpath, "env"), i);
        std::string name = str(env[i], "name");
        if (name.empty())
            errs.required(child(path, "name"));
        else
            errs.addAll(child(path, "name"), name, checkCIdentifier(name));
        const Json *from = member(env[i], "valueFrom");
        if (!from)
            continue;
        if (!str(env[i], "value").empty())
            errs.invalid(child(path, "valueFrom"), Json(),
                         "may not be specified when `value` is not empty");
        int sources = 0;
        for (const char *s : {"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"})
            sources += member(*from, s) ? 1 : 0;
        if (sources == 0)
            errs.invalid(child(path, "valueFrom"), Json(),
                         "must specify one of: `fieldRef`, "
                         "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        else if (sources > 1)
            errs.invalid(child(path, "valueFrom"), Json(),
                         "may not have more than one field specified at a time");
    }
}

struct PodContext {
    std::set<std::string> containerNames;
    std::set<std::string> volumeNames;
    std::set<std::string> hostPorts; // "port/protocol"
    bool hostNetwork = false;
};

void validatePorts(Errors &errs, const Json &c, const std::string &cpath, PodContext &ctx) {
    const Json &ports = array(c, "ports");
    std::set<std::string> names;
    for (size_t i = 0; i < ports.size(); ++i) {
        const Json &port = ports[i];
        std::string path = index(child(cpath, "ports"), i);
        auto containerPort = integer(port, "containerPort");
        if (!containerPort)
            errs.required(child(path, "containerPort"));
        else
            errs.addAll(child(path, "containerPort"), *containerPort,
                        checkPortNumber(*containerPort));
        std::string protocol = str(port, "protocol");
        if (member(port, "protocol") && protocol != "TCP" && protocol != "UDP" &&
            protocol != "SCTP")
            errs.notSupported(child(path, "protocol"), protocol, {"SCTP", "TCP", "UDP"});
        if (std::string name = str(port, "name"); !name.empty()) {
            errs.addAll(child(path, "name"), name, checkPortName(name));
            if (!names.insert(name).second)
                errs.duplicate(child(path, "name"), name);
        }
        auto hostPort = integer(port, "hostPort");
        if (hostPort && *hostPort != 0) {
            errs.addAll(child(path, "hostPort"), *hostPort, checkPortNumber(*hostPort));
            if (ctx.hostNetwork && containerPort && *hostPort != *containerPort)
                errs.invalid(child(path, "containerPort"), *containerPort,
                             "must match `hostPort` when `hostNetwork` is true");
            std::string id =
                std::to_string(*hostPort) + "/" + (protocol.empty() ? "TCP" : protocol);
            if (!ctx.hostPorts.insert(id).second)
                errs.duplicate(child(path, "hostPort"), id);
        }
    }
}

void validateMounts(Errors &errs, const Json &c, const std::string &cpath, const PodContext &ctx) {
    const Json &mounts = array(c, "volumeMounts");
    std::set<std::string> paths;
    for (size_t i = 0; i < mounts.size(); ++i) {
        std::string path = index(child(cpath, "volumeMounts"), i);
        std::string name = str(mounts[i], "name");
        if (name.empty())
            errs.required(child(path, "name"));
        else if (!ctx.volumeNames.count(name))
            errs.invalid(child(path, "name"), name, "not found: no volume of this name in the pod");
        std::string mountPath = str(mounts[i], "mountPath");
        if (mountPath.empty())
            errs.required(child(path, "mountPath"));
        else if (!paths.insert(mountPath).second)
            errs.invalid(child(path, "mountPath"), mountPath, "must be unique");
    }
}

void validateContainer(Errors &errs, const Json &c, const std::string &path, PodContext &ctx,
                       bool init) {
    std::string name = str(c, "name");
    if (name.empty())
        errs.required(child(path, "name"));
    else {
        errs.addAll(child(path, "name"), name, checkDns1123Label(name));
        if (!ctx.containerNames.insert(name).second)
            errs.duplicate(child(path, "name"), name);
    }
    if (str(c, "image").empty())
        errs.required(child(path, "image"));
    if (const Json *p = member(c, "imagePullPolicy");
        p && *p != "Always" && *p != "IfNotPresent" && *p != "Never")
        errs.notSupported(child(path, "imagePullPolicy"), *p, {"Always", "IfNotPresent", "Never"});
    if (const Json *p = member(c, "terminationMessagePolicy");
        p && *p != "File" && *p != "FallbackToLogsOnError")
        errs.notSupported(child(path, "terminationMessagePolicy"), *p,
                          {"File", "FallbackToLogsOnError"});
    validatePorts(errs, c, path, ctx);
    validateEnv(errs, c, path);
    validateMounts(errs, c, path, ctx);
    validateResources(errs, object(c, "resources"), child(path, "resources"));
    bool sidecar = init && str(c, "restartPolicy") == "Always";
    for (const char *probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
        if (init && !sidecar && member(c, probe))
            errs.forbidden(child(path, probe), "may not be set for init containers without "
                                               "restartPolicy=Always");
        else
            validateProbe(errs, c, probe, path);
    }
    if (const Json *lc = member(c, "lifecycle"))
        for (const char *hook : {"postStart", "preStop"})
            if (const Json *h = member(*lc, hook))
                validateHandler(errs, *h, child(child(path, "lifecycle"), hook), true);
}

void validateVolumes(Errors &errs, const Json &spec, const std::string &path, PodContext &ctx) {
    const Json &volumes = array(spec, "volumes");
    for (size_t i = 0; i < volumes.size(); ++i) {
        std::string vpath = index(child(path, "volumes"), i);
        std::string name = str(volumes[i], "name");
        if (name.empty())
            errs.required(child(vpath, "name"));
        else {
            errs.addAll(child(vpath, "name"), name, checkDns1123Label(name));
            if (!ctx.volumeNames.insert(name).second)
                errs.duplicate(child(vpath, "name"), name);
        }
        int sources = 0;
        for (const auto &[k, v] : volumes[i].items())
            sources += (k != "name" && !v.is_null()) ? 1 : 0;
        if (sources == 0)
            errs.required(vpath, "must specify a volume type");
        else if (sources > 1)
            errs.forbidden(vpath, "may not specify more than 1 volume type");
        if (const Json *hp = member(volumes[i], "hostPath"); hp && str(*hp, "path").empty())
            errs.required(child(child(vpath, "hostPath"), "path"));
    }
}

void validateTolerations(Errors &errs, const Json &spec, const std::string &path) {
    const Json &tolerations = array(spec, "tolerations");
    for (size_t i = 0; i < tolerations.size(); ++i) {
        const Json &t = tolerations[i];
        std::string tpath = index(child(path, "tolerations"), i);
        std::string k = str(t, "key");
        std::string op = str(t, "operator");
        if (!k.empty())
            errs.addAll(child(tpath, "key"), k, checkQualifiedName(k));
        if (k.empty() && op != "Exists")
            errs.invalid(child(tpath, "operator"), op,
                         "operator must be Exists when `key` is empty, which means \"match all "
                         "values and all keys\"");
        if (!op.empty() && op != "Equal" && op != "Exists")
            errs.notSupported(child(tpath, "operator"), op, {"Equal", "Exists"});
        if (op == "Exists" && !str(t, "value").empty())
            errs.invalid(child(tpath, "operator"), str(t, "value"),
                         "value must be empty when `operator` is 'Exists'");
        std::string effect = str(t, "effect");
        if (!effect.empty() && effect != "NoSchedule" && effect != "PreferNoSchedule" &&
            effect != "NoExecute")
            errs.notSupported(child(tpath, "effect"), effect,
                              {"NoExecute", "NoSchedule", "PreferNoSchedule"});
        if (member(t, "tolerationSeconds") && effect != "NoExecute")
            errs.invalid(child(tpath, "effect"), effect,
                         "effect must be 'NoExecute' when `tolerationSeconds` is set");
    }
}

void validatePodFields(Errors &errs, const Json &spec, const std::string &path) {
    if (const Json *p = member(spec, "restartPolicy");
        p && *p != "Always" && *p != "OnFailure" && *p != "Never")
        errs.notSupported(child(path, "restartPolicy"), *p, {"Always", "OnFailure", "Never"});
    if (const Json *p = member(spec, "dnsPolicy"); p && *p != "ClusterFirstWithHostNet" &&
                                                   *p != "ClusterFirst" && *p != "Default" &&
                                                   *p != "None")
        errs.notSupported(child(path, "dnsPolicy"), *p,
                          {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"});
    if (str(spec, "dnsPolicy") == "None" && !member(spec, "dnsConfig"))
        errs.required(child(path, "dnsConfig"),
                      "must provide `dnsConfig` when `dnsPolicy` is None");
    nonNegative(errs, spec, "terminationGracePeriodSeconds", path);
    if (auto a = integer(spec, "activeDeadlineSeconds"); a && *a <= 0)
        errs.invalid(child(path, "activeDeadlineSeconds"), *a,
                     "must be between 1 and 2147483647, "
                     "inclusive");
    validateLabels(errs, object(spec, "nodeSelector"), child(path, "nodeSelector"));
    if (std::string h = str(spec, "hostname"); !h.empty())
        errs.addAll(child(path, "hostname"), h, checkDns1123Label(h));
    if (std::string s = str(spec, "subdomain"); !s.empty())
        errs.addAll(child(path, "subdomain"), s, checkDns1123Label(s));
    validateTolerations(errs, spec, path);
}

} // namespace

void validatePodSpec(Errors &errs, const Json &spec, const std::string &path) {
    PodContext ctx;
    ctx.hostNetwork = boolean(spec, "hostNetwork");
    validateVolumes(errs, spec, path, ctx);
    const Json &containers = array(spec, "containers");
    if (containers.empty())
        errs.required(child(path, "containers"));
    const Json &init = array(spec, "initContainers");
    for (size_t i = 0; i < init.size(); ++i)
        validateContainer(errs, init[i], index(child(path, "initContainers"), i), ctx, true);
    for (size_t i = 0; i < containers.size(); ++i)
        validateContainer(errs, containers[i], index(child(path, "containers"), i), ctx, false);
    validatePodFields(errs, spec, path);
}

void validatePodTemplate(Errors &errs, const Json &tmpl, const std::string &path) {
    const Json &meta = object(tmpl, "metadata");
    validateLabels(errs, object(meta, "labels"), child(child(path, "metadata"), "labels"));
    const Json *spec = member(tmpl, "spec");
    if (!spec)
        return errs.required(child(path, "spec"));
    validatePodSpec(errs, *spec, child(path, "spec"));
    if (const Json *p = member(*spec, "restartPolicy"); p && *p != "Always")
        errs.notSupported(child(child(path, "spec"), "restartPolicy"), *p, {"Always"});
}

} // namespace cox::model::rules
