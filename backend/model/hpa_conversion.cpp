#include "model/hpa_conversion.h"

#include <string>

namespace cox::model {

namespace {
constexpr const char *kV1 = "autoscaling/v1";
constexpr const char *kV2 = "autoscaling/v2";
const char *const kRoundTripAnnotations[] = {kHpaMetricsAnnotation, kHpaConditionsAnnotation,
                                             kHpaCurrentMetricsAnnotation, kHpaBehaviorAnnotation};

bool isCpuUtilizationTarget(const Json &metric) {
    if (!metric.is_object() || metric.value("type", "") != "Resource")
        return false;
    auto resource = metric.find("resource");
    if (resource == metric.end() || !resource->is_object() || resource->value("name", "") != "cpu")
        return false;
    auto target = resource->find("target");
    return target != resource->end() && target->is_object() &&
           target->contains("averageUtilization") &&
           target->at("averageUtilization").is_number_integer();
}

const Json *cpuCurrentUtilization(const Json &status) {
    auto metrics = status.find("currentMetrics");
    if (metrics == status.end() || !metrics->is_array())
        return nullptr;
    for (const Json &m : *metrics) {
        if (!m.is_object() || m.value("type", "") != "Resource")
            continue;
        const Json *resource = m.contains("resource") ? &m["resource"] : nullptr;
        if (!resource || !resource->is_object() || resource->value("name", "") != "cpu")
            continue;
        auto current = resource->find("current");
        if (current != resource->end() && current->is_object() &&
            current->contains("averageUtilization"))
            return &current->at("averageUtilization");
    }
    return nullptr;
}

// Removes the round-trip annotations from `object` (and an emptied annotations map).
Json takeRoundTripAnnotations(Json &object) {
    Json taken = Json::object();
    auto meta = object.find("metadata");
    if (meta == object.end() || !meta->is_object())
        return taken;
    auto annotations = meta->find("annotations");
    if (annotations == meta->end() || !annotations->is_object())
        return taken;
    for (const char *key : kRoundTripAnnotations) {
        auto it = annotations->find(key);
        if (it == annotations->end())
            continue;
        taken[key] = *it;
        annotations->erase(it);
    }
    if (annotations->empty())
        meta->erase("annotations");
    return taken;
}

void annotate(Json &object, const char *key, const Json &value) {
    object["metadata"]["annotations"][key] = value.dump();
}

// The annotation's text parsed as JSON of the expected shape; null when absent or malformed.
Json parsedAnnotation(const Json &taken, const char *key, bool wantArray) {
    auto it = taken.find(key);
    if (it == taken.end() || !it->is_string())
        return nullptr;
    Json parsed = Json::parse(it->get<std::string>(), nullptr, false);
    if (parsed.is_discarded() || (wantArray ? !parsed.is_array() : !parsed.is_object()))
        return nullptr;
    return parsed;
}

Json specToV1(const Json &spec, Json &v1) {
    Json out = Json::object();
    for (const char *key : {"scaleTargetRef", "minReplicas", "maxReplicas"})
        if (spec.contains(key))
            out[key] = spec[key];
    Json others = Json::array();
    bool haveCpu = false;
    if (spec.contains("metrics") && spec["metrics"].is_array()) {
        for (const Json &metric : spec["metrics"]) {
            if (!haveCpu && isCpuUtilizationTarget(metric)) {
                out["targetCPUUtilizationPercentage"] =
                    metric["resource"]["target"]["averageUtilization"];
                haveCpu = true;
                continue;
            }
            others.push_back(metric);
        }
    }
    if (!others.empty())
        annotate(v1, kHpaMetricsAnnotation, others);
    if (spec.contains("behavior") && spec["behavior"].is_object())
        annotate(v1, kHpaBehaviorAnnotation, spec["behavior"]);
    return out;
}

Json statusToV1(const Json &status, Json &v1) {
    Json out = Json::object();
    for (const char *key :
         {"observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"})
        if (status.contains(key))
            out[key] = status[key];
    if (const Json *cpu = cpuCurrentUtilization(status))
        out["currentCPUUtilizationPercentage"] = *cpu;
    if (status.contains("currentMetrics") && status["currentMetrics"].is_array() &&
        !status["currentMetrics"].empty())
        annotate(v1, kHpaCurrentMetricsAnnotation, status["currentMetrics"]);
    if (status.contains("conditions") && status["conditions"].is_array() &&
        !status["conditions"].empty())
        annotate(v1, kHpaConditionsAnnotation, status["conditions"]);
    return out;
}

Json cpuTarget(const Json &percent) {
    return {{"type", "Resource"},
            {"resource",
             {{"name", "cpu"},
              {"target", {{"type", "Utilization"}, {"averageUtilization", percent}}}}}};
}

Json specToV2(const Json &spec, const Json &taken) {
    Json out = Json::object();
    for (const char *key : {"scaleTargetRef", "minReplicas", "maxReplicas"})
        if (spec.contains(key))
            out[key] = spec[key];
    Json metrics = parsedAnnotation(taken, kHpaMetricsAnnotation, true);
    if (metrics.is_null())
        metrics = Json::array();
    // Kubernetes puts the CPU target after the other metrics.
    if (spec.contains("targetCPUUtilizationPercentage") &&
        !spec["targetCPUUtilizationPercentage"].is_null())
        metrics.push_back(cpuTarget(spec["targetCPUUtilizationPercentage"]));
    if (!metrics.empty())
        out["metrics"] = std::move(metrics);
    Json behavior = parsedAnnotation(taken, kHpaBehaviorAnnotation, false);
    if (!behavior.is_null())
        out["behavior"] = std::move(behavior);
    return out;
}

Json statusToV2(const Json &status, const Json &taken) {
    Json out = Json::object();
    for (const char *key :
         {"observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"})
        if (status.contains(key))
            out[key] = status[key];
    if (status.contains("currentCPUUtilizationPercentage") &&
        !status["currentCPUUtilizationPercentage"].is_null())
        out["currentMetrics"] = Json::array(
            {{{"type", "Resource"},
              {"resource",
               {{"name", "cpu"},
                {"current",
                 {{"averageUtilization", status["currentCPUUtilizationPercentage"]}}}}}}});
    // The annotation holds every current metric (the CPU one included), so it wins.
    Json current = parsedAnnotation(taken, kHpaCurrentMetricsAnnotation, true);
    if (!current.is_null())
        out["currentMetrics"] = std::move(current);
    Json conditions = parsedAnnotation(taken, kHpaConditionsAnnotation, true);
    if (!conditions.is_null())
        out["conditions"] = std::move(conditions);
    return out;
}

Json converted(const Json &in, const char *apiVersion) {
    Json out = Json::object();
    out["apiVersion"] = apiVersion;
    out["kind"] = in.value("kind", "HorizontalPodAutoscaler");
    out["metadata"] = in.contains("metadata") ? in["metadata"] : Json::object();
    return out;
}
} // namespace

Json hpaV2ToV1(const Json &v2) {
    if (!v2.is_object())
        return v2;
    Json v1 = converted(v2, kV1);
    takeRoundTripAnnotations(v1);
    if (v2.contains("spec") && v2["spec"].is_object())
        v1["spec"] = specToV1(v2["spec"], v1);
    if (v2.contains("status") && v2["status"].is_object())
        v1["status"] = statusToV1(v2["status"], v1);
    return v1;
}

Json hpaV1ToV2(const Json &v1) {
    if (!v1.is_object())
        return v1;
    Json v2 = converted(v1, kV2);
    Json taken = takeRoundTripAnnotations(v2);
    if (v1.contains("spec") && v1["spec"].is_object())
        v2["spec"] = specToV2(v1["spec"], taken);
    if (v1.contains("status") && v1["status"].is_object())
        v2["status"] = statusToV2(v1["status"], taken);
    return v2;
}

} // namespace cox::model
