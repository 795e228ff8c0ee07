// Workload validation: Deployment, ReplicaSet (selector, template, replicas, strategy) and
// HorizontalPodAutoscaler.
#include "model/label_selector.h"
#include "model/object_validation_rules.h"

#include <cctype>

namespace cox::model::rules {

namespace {

// Returns the percentage (or -1 when `value` is a plain int) and reports malformed percents.
int validateIntOrPercent(Errors &errs, const Json &value, const std::string &path) {
    if (value.is_number_integer()) {
        if (value.get<long long>() < 0)
            errs.invalid(path, value, "must be greater than or equal to 0");
        return -1;
    }
    if (!value.is_string())
        return -1;
    const std::string &s = value.get_ref<const std::string &>();
    bool ok = s.size() >= 2 && s.back() == '%' && s.size() <= 10;
    for (size_t i = 0; ok && i + 1 < s.size(); ++i)
        ok = std::isdigit(static_cast<unsigned char>(s[i]));
    if (!ok) {
        errs.invalid(path, value,
                     "a valid percent string must be a numeric string followed by "
                     "an ending '%' (e.g. '1%',  or '93%', regex used for validation "
                     "is '[0-9]+%')");
        return -1;
    }
    return std::stoi(s.substr(0, s.size() - 1));
}

bool isZero(const Json *v) {
    return !v || (v->is_number_integer() && v->get<long long>() == 0) || *v == "0%";
}

void validateStrategy(Errors &errs, const Json &spec) {
    const Json *strategy = member(spec, "strategy");
    if (!strategy)
        return;
    std::string type = str(*strategy, "type");
    const Json *rolling = member(*strategy, "rollingUpdate");
    if (type.empty())
        errs.required("spec.strategy.type");
    else if (type != "Recreate" && type != "RollingUpdate")
        errs.notSupported("spec.strategy.type", type, {"Recreate", "RollingUpdate"});
    if (type == "Recreate" && rolling)
        errs.forbidden("spec.strategy.rollingUpdate",
                       "may not be specified when strategy `type` is 'Recreate'");
    if (!rolling)
        return;
    const std::string path = "spec.strategy.rollingUpdate";
    const Json *surge = member(*rolling, "maxSurge");
    const Json *unavailable = member(*rolling, "maxUnavailable");
    if (surge)
        validateIntOrPercent(errs, *surge, child(path, "maxSurge"));
    if (unavailable &&
        validateIntOrPercent(errs, *unavailable, child(path, "maxUnavailable")) > 100)
        errs.invalid(child(path, "maxUnavailable"), *unavailable, "must not be greater than 100%");
    if (isZero(surge) && isZero(unavailable))
        errs.invalid(child(path, "maxUnavailable"), unavailable ? *unavailable : Json(0),
                     "may not be 0 when `maxSurge` is 0");
}

// selector + template + replicas, common to Deployment and ReplicaSet.
void validateReplicated(Errors &errs, const Json &obj, const char *what) {
    const Json *spec = member(obj, "spec");
    if (!spec)
        return errs.required("spec");
    nonNegative(errs, *spec, "replicas", "spec");
    nonNegative(errs, *spec, "minReadySeconds", "spec");
    const Json *selector = member(*spec, "selector");
    if (!selector) {
        errs.required("spec.selector");
    } else {
        FieldErrors selectorErrors = LabelSelector::validateJson(*selector, "spec.selector");
        errs.list.insert(errs.list.end(), selectorErrors.begin(), selectorErrors.end());
        if (array(*selector, "matchExpressions").empty() &&
            object(*selector, "matchLabels").empty())
            errs.invalid("spec.selector", *selector,
                         std::string("empty selector is invalid for ") + what);
    }
    const Json *tmpl = member(*spec, "template");
    if (!tmpl)
        return errs.required("spec.template");
    validatePodTemplate(errs, *tmpl, "spec.template");
    if (!selector)
        return;
    const Json &labels = object(object(*tmpl, "metadata"), "labels");
    auto parsed = LabelSelector::fromJson(*selector);
    if (parsed && !parsed->matches(labels))
        errs.invalid("spec.template.metadata.labels", labels,
                     "`selector` does not match template `labels`");
}

} // namespace

void validateDeployment(Errors &errs, const Json &obj) {
    validateReplicated(errs, obj, "deployment");
    const Json &spec = object(obj, "spec");
    validateStrategy(errs, spec);
    nonNegative(errs, spec, "revisionHistoryLimit", "spec");
    auto deadline = integer(spec, "progressDeadlineSeconds");
    if (!deadline)
        return;
    if (*deadline <= 0)
        errs.invalid("spec.progressDeadlineSeconds", *deadline, "must be greater than 0");
    else if (*deadline <= integer(spec, "minReadySeconds").value_or(0))
        errs.invalid("spec.progressDeadlineSeconds", *deadline,
                     "must be greater than minReadySeconds");
}

void validateReplicaSet(Errors &errs, const Json &obj) {
    validateReplicated(errs, obj, "replicaset");
}

void validateHpa(Errors &errs, const Json &obj) {
    const Json *spec = member(obj, "spec");
    if (!spec)
        return errs.required("spec");
    const Json &ref = object(*spec, "scaleTargetRef");
    if (str(ref, "kind").empty())
        errs.required("spec.scaleTargetRef.kind");
    if (str(ref, "name").empty())
        errs.required("spec.scaleTargetRef.name");
    auto min = integer(*spec, "minReplicas");
    if (min && *min < 1)
        errs.invalid("spec.minReplicas", *min, "must be greater than or equal to 1");
    auto max = integer(*spec, "maxReplicas");
    if (!max)
        errs.required("spec.maxReplicas");
    else if (*max < 1)
        errs.invalid("spec.maxReplicas", *max, "must be greater than 0");
    else if (min && *max < *min)
        errs.invalid("spec.maxReplicas", *max, "must be greater than or equal to `minReplicas`");
    const Json &metrics = array(*spec, "metrics");
    for (size_t i = 0; i < metrics.size(); ++i) {
        std::string path = index("spec.metrics", i);
        std::string type = str(metrics[i], "type");
        if (type != "Object" && type != "Pods" && type != "Resource" && type != "External" &&
            type != "ContainerResource") {
            errs.notSupported(child(path, "type"), type,
                              {"ContainerResource", "External", "Object", "Pods", "Resource"});
            continue;
        }
        std::string source = type == "ContainerResource" ? "containerResource"
                             : type == "Resource"
                                 ? "resource"
                                 : std::string(1, char(std::tolower(type[0]))) + type.substr(1);
        const Json *m = member(metrics[i], source.c_str());
        if (!m) {
            errs.required(child(path, source.c_str()), "must populate information for the given "
                                                       "metric source");
            continue;
        }
        auto utilization = integer(object(*m, "target"), "averageUtilization");
        if (utilization && *utilization <= 0)
            errs.invalid(child(child(child(path, source.c_str()), "target"), "averageUtilization"),
                         *utilization, "must be greater than 0");
    }
}

void validatePodMove(Errors &errs, const Json &obj) {
    const Json &spec = object(obj, "spec");
    std::string pod = str(spec, "podName");
    if (pod.empty())
        errs.required("spec.podName");
    else
        errs.addAll("spec.podName", pod, checkDns1123Subdomain(pod));
    std::string node = str(spec, "targetNode");
    if (node.empty())
        errs.required("spec.targetNode");
    else
        errs.addAll("spec.targetNode", node, checkDns1123Subdomain(node));
}

} // namespace cox::model::rules
