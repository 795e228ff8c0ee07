// ResourceService: the scale, binding and eviction subresources.
#include "apiserver/object_codec.h"
#include "apiserver/object_meta.h"
#include "apiserver/resource_service.h"

namespace cox::apiserver {

namespace {
// metav1.FormatLabelSelector: "app=web,tier in (a,b)".
std::string formatSelector(const Json &selector) {
    std::string out;
    auto add = [&](const std::string &part) {
        if (!out.empty())
            out += ',';
        out += part;
    };
    if (!selector.is_object())
        return out;
    if (selector.contains("matchLabels") && selector["matchLabels"].is_object())
        for (auto it = selector["matchLabels"].begin(); it != selector["matchLabels"].end(); ++it)
            add(it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump()));
    if (selector.contains("matchExpressions") && selector["matchExpressions"].is_array())
        for (const auto &e : selector["matchExpressions"]) {
            if (!e.is_object())
                continue;
            std::string key = e.value("key", ""), op = e.value("operator", "");
            std::string values;
            for (const auto &v : e.value("values", Json::array()))
                values += (values.empty() ? "" : ",") + (v.is_string() ? v.get<std::string>() : "");
            if (op == "In")
                add(key + " in (" + values + ")");
            else if (op == "NotIn")
                add(key + " notin (" + values + ")");
            else if (op == "Exists")
                add(key);
            else if (op == "DoesNotExist")
                add("!" + key);
        }
    return out;
}

Json scaleOf(const Json &object) {
    const Json &meta = object["metadata"];
    Json scaleMeta = Json::object();
    for (const char *f : {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"})
        if (meta.contains(f))
            scaleMeta[f] = meta[f];
    Json spec = object.value("spec", Json::object());
    Json status = object.value("status", Json::object());
    int64_t replicas = spec.is_object() ? spec.value("replicas", 1LL) : 1;
    int64_t current = status.is_object() ? status.value("replicas", 0LL) : 0;
    return {{"kind", "Scale"},
            {"apiVersion", "autoscaling/v1"},
            {"metadata", scaleMeta},
            {"spec", {{"replicas", replicas}}},
            {"status",
             {{"replicas", current},
              {"selector",
               formatSelector(spec.is_object() ? spec.value("selector", Json()) : Json())}}}};
}

Result<int64_t> replicasOf(const Json &scale) {
    if (!scale.is_object() || !scale.contains("spec") || !scale["spec"].is_object())
        return Status(StatusCode::BadRequest, "the body must be an autoscaling/v1 Scale");
    const Json &spec = scale["spec"];
    if (!spec.contains("replicas"))
        return int64_t(0);
    if (!spec["replicas"].is_number_integer() || spec["replicas"].get<int64_t>() < 0)
        return Status(StatusCode::Invalid, "Scale \"" + metaString(scale, "name") +
                                               "\" is invalid: spec.replicas: Invalid value: " +
                                               spec["replicas"].dump() +
                                               ": must be greater than or equal to 0");
    return spec["replicas"].get<int64_t>();
}
} // namespace

Result<Json> ResourceService::getScale(const Type &type, const std::string &ns,
                                       const std::string &name, const CallContext &ctx) {
    auto object = get(type, ns, name, ctx);
    if (!object)
        return object.status();
    return scaleOf(*object);
}

Result<Json> ResourceService::updateScale(const Type &type, const std::string &ns,
                                          const std::string &name, const Json &scale,
                                          const CallContext &ctx, const WriteOptions &opts) {
    auto replicas = replicasOf(scale);
    if (!replicas)
        return replicas.status();
    std::string precondition = metaString(scale, "resourceVersion");
    auto updated =
        guaranteedUpdate(type, ns, name, ctx, opts, "update", "scale", [&](Json &current) {
            if (!precondition.empty() && precondition != metaString(current, "resourceVersion"))
                return modifiedConflict(type, name);
            current["spec"]["replicas"] = *replicas;
            return Status::ok();
        });
    if (!updated)
        return updated.status();
    return scaleOf(*updated);
}

Result<Json> ResourceService::patchScale(const Type &type, const std::string &ns,
                                         const std::string &name, PatchType patchType,
                                         std::string_view patch, const CallContext &ctx,
                                         const WriteOptions &opts) {
    if (patchType == PatchType::Apply)
        return Status(StatusCode::UnsupportedMediaType, "server-side apply is not supported");
    // A Scale has no lists, so a strategic merge patch is a plain merge patch.
    PatchType effective = patchType == PatchType::StrategicMerge ? PatchType::Merge : patchType;
    auto updated =
        guaranteedUpdate(type, ns, name, ctx, opts, "patch", "scale", [&](Json &current) {
            Json scale = scaleOf(current);
            auto patched = applyPatch(type, scale, effective, patch);
            if (!patched)
                return patched.status();
            if (metaString(*patched, "resourceVersion") != metaString(scale, "resourceVersion"))
                return modifiedConflict(type, name);
            auto replicas = replicasOf(*patched);
            if (!replicas)
                return replicas.status();
            current["spec"]["replicas"] = *replicas;
            return Status::ok();
        });
    if (!updated)
        return updated.status();
    return scaleOf(*updated);
}

Result<Json> ResourceService::bind(const std::string &ns, const std::string &podName,
                                   const Json &binding, const CallContext &ctx,
                                   const WriteOptions &opts) {
    const Type *pods = model::findResource("", "v1", "pods");
    if (!pods)
        return Status(StatusCode::Internal, "pods are not served");
    std::string node;
    if (binding.is_object() && binding.contains("target") && binding["target"].is_object())
        node = binding["target"].value("name", "");
    if (node.empty())
        return Status(StatusCode::Invalid,
                      "Binding \"" + podName + "\" is invalid: target.name: Required value");
    auto updated =
        guaranteedUpdate(*pods, ns, podName, ctx, opts, "create", "binding", [&](Json &pod) {
            Json &spec = pod["spec"];
            std::string bound = spec.is_object() ? spec.value("nodeName", "") : "";
            if (!bound.empty())
                return Status(StatusCode::Conflict,
                              "Operation cannot be fulfilled on pods/binding \"" + podName +
                                  "\": pod " + podName + " is already assigned to node \"" + bound +
                                  "\"");
            if (!metaString(pod, "deletionTimestamp").empty())
                return Status(StatusCode::Conflict,
                              "Operation cannot be fulfilled on pods/binding \"" + podName +
                                  "\": pod " + podName +
                                  " is being deleted, cannot be assigned "
                                  "to a host");
            spec["nodeName"] = node;
            Json &conditions = pod["status"]["conditions"];
            if (!conditions.is_array())
                conditions = Json::array();
            Json scheduled = {{"type", "PodScheduled"},
                              {"status", "True"},
                              {"lastProbeTime", nullptr},
                              {"lastTransitionTime", formatRfc3339(m_clock->now())}};
            bool replaced = false;
            for (auto &c : conditions)
                if (c.is_object() && c.value("type", "") == "PodScheduled") {
                    c = scheduled;
                    replaced = true;
                }
            if (!replaced)
                conditions.push_back(scheduled);
            return Status::ok();
        });
    if (!updated)
        return updated.status();
    Json status = successStatus({});
    status["code"] = 201;
    return status;
}

Result<Json> ResourceService::evict(const std::string &ns, const std::string &podName,
                                    const Json &eviction, const CallContext &ctx) {
    const Type *pods = model::findResource("", "v1", "pods");
    if (!pods)
        return Status(StatusCode::Internal, "pods are not served");
    DeleteOptions opts;
    if (eviction.is_object() && eviction.contains("deleteOptions") &&
        eviction["deleteOptions"].is_object()) {
        const Json &d = eviction["deleteOptions"];
        if (d.contains("gracePeriodSeconds") && d["gracePeriodSeconds"].is_number_integer())
            opts.gracePeriodSeconds = d["gracePeriodSeconds"].get<int64_t>();
        if (d.contains("dryRun") && d["dryRun"].is_array() && !d["dryRun"].empty())
            opts.dryRun = true;
    }
    auto removed = remove(*pods, ns, podName, opts, ctx);
    if (!removed)
        return removed.status();
    Json status = successStatus({});
    status["code"] = 201;
    return status;
}

} // namespace cox::apiserver
