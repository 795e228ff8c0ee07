// SchedulingExplanation and PodMove admission; see scheduling_api.h.
#include "controlplane/scheduling_api.h"

#include "apiserver/api_errors.h"
#include "model/resource_type.h"

namespace cox::controlplane {

namespace {

using model::Json;

const model::ResourceType &type(const char *group, const char *plural) {
    return *model::findResource(group, "v1", plural);
}

std::string field(const Json &object, const char *a, const char *b) {
    if (!object.contains(a) || !object[a].is_object())
        return {};
    const Json &v = object[a].value(b, Json());
    return v.is_string() ? v.get<std::string>() : std::string();
}

Result<Json> explanationPod(apiserver::ResourceService &api, const std::string &ns,
                            const Json &spec, const apiserver::CallContext &ctx) {
    std::string name = spec.is_object() ? spec.value("podName", "") : "";
    if (!name.empty())
        return api.get(type("", "pods"), ns, name, ctx);
    if (spec.is_object() && spec.contains("pod") && spec["pod"].is_object()) {
        Json pod = spec["pod"];
        pod["metadata"]["namespace"] = ns;
        return pod;
    }
    return Status(StatusCode::Invalid,
                  "SchedulingExplanation is invalid: spec: Required value: spec.podName or "
                  "spec.pod");
}

Result<Json> explainHandler(apiserver::ResourceService &api, SchedulerRunner &scheduler,
                            const std::string &ns, Json object, const apiserver::CallContext &ctx) {
    auto pod = explanationPod(api, ns, object.value("spec", Json()), ctx);
    if (!pod)
        return pod.status();
    auto explanation = scheduler.explain(*pod);
    if (!explanation)
        return Status(StatusCode::Invalid,
                      "cannot explain the pod: " + explanation.status().message());
    object["status"] = explanation->toJson();
    return object;
}

// A move of `podName` that has not finished, if any.
std::string activeMoveOf(apiserver::ResourceService &api, const std::string &ns,
                         const std::string &podName, const apiserver::CallContext &ctx) {
    auto moves = api.list(type("coxswain.io", "podmoves"), ns, {}, ctx);
    if (!moves)
        return {};
    for (const auto &move : (*moves)["items"]) {
        std::string phase = field(move, "status", "phase");
        if (field(move, "spec", "podName") == podName && phase != "Succeeded" && phase != "Failed")
            return move["metadata"].value("name", "");
    }
    return {};
}

Status refuse(const std::string &moveName, const std::string &detail, const std::string &value,
              const apiserver::CallContext &ctx) {
    model::FieldError error;
    error.field = "spec.targetNode";
    error.badValue = value;
    error.detail = detail;
    return apiserver::invalidError(type("coxswain.io", "podmoves"), moveName, {error}, ctx.details);
}

// The node's fit verdict from an explanation, as a refusal when it does not fit.
Status checkFit(const scheduler::Explanation &explanation, const std::string &target,
                const std::string &moveName, const apiserver::CallContext &ctx) {
    for (const auto &node : explanation.nodes) {
        if (node.name != target)
            continue;
        if (node.fits)
            return Status::ok();
        std::string reasons;
        for (const auto &reason : node.reasons)
            reasons += (reasons.empty() ? "" : "; ") + reason.message;
        return refuse(moveName, "pod " + explanation.pod + " does not fit: " + reasons, target,
                      ctx);
    }
    return refuse(moveName, "node \"" + target + "\" not found", target, ctx);
}

Status admitMove(apiserver::ResourceService &api, SchedulerRunner &scheduler, const std::string &ns,
                 Json &move, const apiserver::CallContext &ctx) {
    std::string podName = field(move, "spec", "podName");
    std::string target = field(move, "spec", "targetNode");
    if (podName.empty() || target.empty())
        return Status::ok(); // validation reports the missing fields
    std::string moveName =
        move["metadata"].value("name", move["metadata"].value("generateName", ""));
    auto pod = api.get(type("", "pods"), ns, podName, ctx);
    if (!pod)
        return pod.status();
    if ((*pod)["metadata"].contains("deletionTimestamp"))
        return Status(StatusCode::Conflict, "pod " + podName + " is being deleted");
    std::string current = field(*pod, "spec", "nodeName");
    if (current == target)
        return refuse(moveName, "pod " + podName + " is already on " + target, target, ctx);
    if (std::string other = activeMoveOf(api, ns, podName, ctx); !other.empty())
        return Status(StatusCode::Conflict,
                      "pod " + podName + " is already being moved by podmove " + other);
    auto explanation = scheduler.explain(*pod);
    if (!explanation)
        return Status(StatusCode::Invalid, explanation.status().message());
    if (Status s = checkFit(*explanation, target, moveName, ctx); !s)
        return s;
    move["status"] = {{"phase", "Pending"},
                      {"sourceNode", current},
                      {"message", "moving " + podName + " to " + target}};
    return Status::ok();
}

} // namespace

void registerSchedulingApi(apiserver::ResourceService &api, SchedulerRunner &scheduler) {
    api.setCreateHandler(
        type("coxswain.io", "schedulingexplanations"),
        [&api, &scheduler](const std::string &ns, Json object, const apiserver::CallContext &ctx) {
            return explainHandler(api, scheduler, ns, std::move(object), ctx);
        });
    api.setCreateAdmission(
        type("coxswain.io", "podmoves"),
        [&api, &scheduler](const std::string &ns, Json &move, const apiserver::CallContext &ctx) {
            return admitMove(api, scheduler, ns, move, ctx);
        });
}

} // namespace cox::controlplane
