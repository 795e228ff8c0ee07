// HorizontalPodAutoscalerController; see hpa_controller.h.
#include "controllers/hpa_controller.h"

#include "controllers/object_util.h"
#include "model/label_selector.h"
#include "model/quantity.h"

#include <algorithm>
#include <cmath>

namespace cox::controllers {

namespace {
int64_t cpuRequestMillis(const Json &pod) {
    int64_t total = 0;
    const Json &containers = at(pod, {"spec", "containers"});
    for (const auto &c : containers.is_array() ? containers : Json::array()) {
        const Json &cpu = at(c, {"resources", "requests", "cpu"});
        if (cpu.is_null())
            return 0; // one container without a request: utilization is undefined
        auto q = model::Quantity::parse(cpu.is_string() ? cpu.get<std::string>() : cpu.dump());
        if (!q)
            return 0;
        total += q->milliValue();
    }
    return total;
}

// spec.metrics' cpu Utilization target; Kubernetes' default is 80% when none is given.
int targetUtilization(const Json &hpa) {
    const Json &metrics = at(hpa, {"spec", "metrics"});
    for (const auto &m : metrics.is_array() ? metrics : Json::array())
        if (m.value("type", std::string()) == "Resource" &&
            stringAt(m, {"resource", "name"}) == "cpu" &&
            stringAt(m, {"resource", "target", "type"}) == "Utilization")
            return static_cast<int>(intAt(m, {"resource", "target", "averageUtilization"}, 80));
    return 80;
}

Json condition(const std::string &type, const std::string &status, const std::string &reason,
               const std::string &message, const std::string &now) {
    return {{"type", type},
            {"status", status},
            {"reason", reason},
            {"message", message},
            {"lastTransitionTime", now}};
}
} // namespace

std::optional<HpaRecommendation> recommendReplicas(int currentReplicas, int64_t usageMillis,
                                                   int64_t requestMillis, int podsWithMetrics,
                                                   int targetUtilization, double tolerance) {
    if (requestMillis <= 0 || podsWithMetrics <= 0 || targetUtilization <= 0)
        return std::nullopt;
    HpaRecommendation r;
    r.podsWithMetrics = podsWithMetrics;
    double utilization = 100.0 * double(usageMillis) / double(requestMillis);
    r.utilization = static_cast<int>(utilization);
    double ratio = utilization / targetUtilization;
    if (std::abs(ratio - 1.0) <= tolerance) {
        r.replicas = currentReplicas;
        return r;
    }
    r.replicas = static_cast<int>(std::ceil(ratio * currentReplicas - 1e-9));
    return r;
}

HorizontalPodAutoscalerController::HorizontalPodAutoscalerController(
    apiserver::ResourceService &api, SharedInformers &informers, EventRecorder &events,
    PodMetricsSource *metrics, HpaOptions options)
    : Controller("horizontal-pod-autoscaler", api.clock())
    , m_api(api)
    , m_hpas(informers.forResource("autoscaling", "horizontalpodautoscalers"))
    , m_pods(informers.pods())
    , m_events(events)
    , m_metrics(metrics)
    , m_options(options) {
    auto enqueue = [this](const Json &o) {
        queue().add(objectKey(o));
    };
    m_hpas.addEventHandler({enqueue,
                            [enqueue](const Json &o, const Json &n) {
                                if (at(o, {"spec"}) != at(n, {"spec"}))
                                    enqueue(n);
                            },
                            [this](const Json &o) {
                                std::lock_guard lock(m_mutex);
                                m_recommendations.erase(objectKey(o));
                            }});
}

HorizontalPodAutoscalerController::~HorizontalPodAutoscalerController() {
    stop();
}

int HorizontalPodAutoscalerController::stabilize(const std::string &key, const Json &hpa,
                                                 int current, int recommended) {
    auto window = [&](const char *direction, std::chrono::seconds fallback) {
        const Json &v = at(hpa, {"spec", "behavior", direction, "stabilizationWindowSeconds"});
        return v.is_number_integer() ? std::chrono::seconds(v.get<int64_t>()) : fallback;
    };
    auto up = window("scaleUp", m_options.scaleUpStabilization);
    auto down = window("scaleDown", m_options.scaleDownStabilization);
    WallTime now = m_api.clock().now();
    std::lock_guard lock(m_mutex);
    auto &history = m_recommendations[key];
    history.push_back({now, recommended});
    auto longest = std::max(up, down);
    while (!history.empty() && history.front().time + longest < now)
        history.pop_front();
    int upRecommendation = recommended, downRecommendation = recommended;
    for (const auto &s : history) {
        if (s.time + up >= now)
            upRecommendation = std::min(upRecommendation, s.replicas);
        if (s.time + down >= now)
            downRecommendation = std::max(downRecommendation, s.replicas);
    }
    // Scale up only as far as every recommendation in the up window agrees, and down only as
    // far as every one in the down window does.
    int result = current;
    if (result < upRecommendation)
        result = upRecommendation;
    if (result > downRecommendation)
        result = downRecommendation;
    return result;
}

Status HorizontalPodAutoscalerController::reconcile(const std::string &key) {
    ObjectPtr cached = m_hpas.get(key);
    if (!cached)
        return Status::ok();
    const Json &hpa = *cached;
    queue().addAfter(key, m_options.syncPeriod);
    auto [ns, name] = splitKey(key);
    std::string now = formatRfc3339(m_api.clock().now());
    Json status = at(hpa, {"status"}).is_object() ? hpa["status"] : Json::object();
    status["observedGeneration"] = generationOf(hpa);
    const Json &ref = at(hpa, {"spec", "scaleTargetRef"});
    const auto *type =
        model::findKind(ref.value("apiVersion", std::string()), ref.value("kind", std::string()));
    auto ctx = controllerContext();
    auto scale = type ? m_api.getScale(*type, ns, ref.value("name", std::string()), ctx)
                      : Result<Json>(StatusCode::NotFound, "unknown scale target kind");
    if (!scale) {
        status["conditions"] = Json::array(
            {condition("AbleToScale", "False", "FailedGetScale", scale.status().message(), now)});
        return writeStatus(hpa, status);
    }
    int current = static_cast<int>(intAt(*scale, {"spec", "replicas"}, 0));
    status["currentReplicas"] = intAt(*scale, {"status", "replicas"}, current);
    auto selector = model::LabelSelector::parse(stringAt(*scale, {"status", "selector"}));
    int64_t usage = 0, requests = 0;
    int withMetrics = 0;
    for (const auto &pod : m_pods.byIndex(kIndexNamespace, ns)) {
        if (!selector || !isPodActive(*pod) || !selector->matches(labelsOf(*pod)))
            continue;
        int64_t request = cpuRequestMillis(*pod);
        auto sample =
            m_metrics ? m_metrics->cpuUsageMillicores(ns, metaString(*pod, "name")) : std::nullopt;
        if (request <= 0 || !sample)
            continue;
        usage += *sample;
        requests += request;
        ++withMetrics;
    }
    int target = targetUtilization(hpa);
    auto recommendation =
        recommendReplicas(current, usage, requests, withMetrics, target, m_options.tolerance);
    if (current == 0 || !recommendation) {
        std::string why = current == 0 ? "scaling is disabled since the replica count of the "
                                         "target is zero"
                                       : "did not receive metrics for any ready pods";
        status["desiredReplicas"] = current;
        status["conditions"] = Json::array(
            {condition("AbleToScale", "True", "SucceededGetScale",
                       "the HPA controller was able to get the target's current scale", now),
             condition("ScalingActive", "False",
                       current == 0 ? "ScalingDisabled" : "FailedGetResourceMetric", why, now)});
        return writeStatus(hpa, status);
    }
    int minReplicas = static_cast<int>(intAt(hpa, {"spec", "minReplicas"}, 1));
    int maxReplicas = static_cast<int>(intAt(hpa, {"spec", "maxReplicas"}, minReplicas));
    int bounded = std::clamp(recommendation->replicas, minReplicas, maxReplicas);
    bool limited = bounded != recommendation->replicas;
    int desired = stabilize(key, hpa, current, bounded);
    Json conditions = Json::array(
        {condition("AbleToScale", "True",
                   desired != current ? "SucceededRescale" : "ReadyForNewScale",
                   "recommended size matches current size", now),
         condition("ScalingActive", "True", "ValidMetricFound",
                   "the HPA was able to successfully calculate a replica count from cpu resource "
                   "utilization (percentage of request)",
                   now),
         condition("ScalingLimited", limited ? "True" : "False",
                   limited ? (bounded == maxReplicas ? "TooManyReplicas" : "TooFewReplicas")
                           : "DesiredWithinRange",
                   limited ? "the desired replica count is outside the allowed range"
                           : "the desired count is within the acceptable range",
                   now)});
    if (desired != current) {
        Json patch = {{"spec", {{"replicas", desired}}}};
        auto patched = m_api.patchScale(*type, ns, ref.value("name", std::string()),
                                        apiserver::PatchType::Merge, patch.dump(), ctx, {});
        if (!patched)
            return patched.status();
        status["lastScaleTime"] = now;
        m_events.record(hpa, "Normal", "SuccessfulRescale",
                        "New size: " + std::to_string(desired) +
                            "; reason: cpu resource "
                            "utilization (percentage of request) " +
                            (desired > current ? "above" : "below") + " target");
    }
    status["desiredReplicas"] = desired;
    status["currentMetrics"] = Json::array(
        {{{"type", "Resource"},
          {"resource",
           {{"name", "cpu"},
            {"current",
             {{"averageUtilization", recommendation->utilization},
              {"averageValue", std::to_string(usage / std::max(1, withMetrics)) + "m"}}}}}}});
    status["conditions"] = conditions;
    return writeStatus(hpa, status);
}

Status HorizontalPodAutoscalerController::writeStatus(const Json &hpa, Json status) {
    // Conditions carry "now" as transition time: keep the old time when nothing else changed.
    const Json &old = at(hpa, {"status", "conditions"});
    if (old.is_array())
        for (auto &c : status["conditions"])
            for (const auto &o : old)
                if (o["type"] == c["type"] && o["status"] == c["status"])
                    c["lastTransitionTime"] = o["lastTransitionTime"];
    if (at(hpa, {"status"}) == status)
        return Status::ok();
    Json copy = hpa;
    copy["status"] = std::move(status);
    auto ctx = controllerContext();
    auto updated = m_api.updateStatus(m_hpas.type(), metaString(hpa, "namespace"),
                                      metaString(hpa, "name"), std::move(copy), ctx);
    if (!updated && updated.status().code() == StatusCode::NotFound)
        return Status::ok();
    return updated.status();
}

} // namespace cox::controllers
