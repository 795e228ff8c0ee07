#include "model/types/deployment.h"

#include "model/types/json_fields.h"

namespace cox::model {

namespace {

Status readIntOrString(const Json &json, const char *key, std::optional<IntOrString> &out) {
    auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return Status::ok();
    auto v = IntOrString::fromJson(*it);
    if (!v.isOk())
        return Status(StatusCode::BadRequest, std::string(key) + ": " + v.status().message());
    out = *v;
    return Status::ok();
}

} // namespace

Result<RollingUpdateDeployment> RollingUpdateDeployment::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("RollingUpdateDeployment", json);
    RollingUpdateDeployment r;
    if (Status s = readIntOrString(json, "maxUnavailable", r.maxUnavailable); !s)
        return s;
    if (Status s = readIntOrString(json, "maxSurge", r.maxSurge); !s)
        return s;
    return r;
}

Json RollingUpdateDeployment::toJson() const {
    Json j = Json::object();
    if (maxUnavailable)
        j["maxUnavailable"] = maxUnavailable->toJson();
    if (maxSurge)
        j["maxSurge"] = maxSurge->toJson();
    return j;
}

Result<DeploymentStrategy> DeploymentStrategy::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("DeploymentStrategy", json);
    DeploymentStrategy s;
    FieldReader in(json, "");
    in.read("type", s.type);
    in.object("rollingUpdate", s.rollingUpdate);
    if (!in.ok())
        return in.status();
    return s;
}

Json DeploymentStrategy::toJson() const {
    Json j = Json::object();
    putString(j, "type", type);
    putObject(j, "rollingUpdate", rollingUpdate);
    return j;
}

Result<DeploymentSpec> DeploymentSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("DeploymentSpec", json);
    DeploymentSpec s;
    FieldReader in(json, "");
    in.read("replicas", s.replicas);
    in.object("selector", s.selector);
    in.object("template", s.template_);
    in.object("strategy", s.strategy);
    in.read("minReadySeconds", s.minReadySeconds);
    in.read("revisionHistoryLimit", s.revisionHistoryLimit);
    in.read("progressDeadlineSeconds", s.progressDeadlineSeconds);
    in.read("paused", s.paused);
    if (!in.ok())
        return in.status();
    return s;
}

Json DeploymentSpec::toJson() const {
    Json j = Json::object();
    putOptional(j, "replicas", replicas);
    putObject(j, "selector", selector);
    j["template"] = template_.toJson();
    putObject(j, "strategy", strategy);
    putInt(j, "minReadySeconds", minReadySeconds);
    putOptional(j, "revisionHistoryLimit", revisionHistoryLimit);
    putBool(j, "paused", paused);
    putOptional(j, "progressDeadlineSeconds", progressDeadlineSeconds);
    return j;
}

Result<DeploymentStatus> DeploymentStatus::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("DeploymentStatus", json);
    DeploymentStatus s;
    FieldReader in(json, "");
    in.read("observedGeneration", s.observedGeneration);
    in.read("replicas", s.replicas);
    in.read("updatedReplicas", s.updatedReplicas);
    in.read("readyReplicas", s.readyReplicas);
    in.read("availableReplicas", s.availableReplicas);
    in.read("unavailableReplicas", s.unavailableReplicas);
    in.list("conditions", s.conditions);
    in.read("collisionCount", s.collisionCount);
    if (!in.ok())
        return in.status();
    return s;
}

Json DeploymentStatus::toJson() const {
    Json j = Json::object();
    putInt(j, "observedGeneration", observedGeneration);
    putInt(j, "replicas", replicas);
    putInt(j, "updatedReplicas", updatedReplicas);
    putInt(j, "readyReplicas", readyReplicas);
    putInt(j, "availableReplicas", availableReplicas);
    putInt(j, "unavailableReplicas", unavailableReplicas);
    putList(j, "conditions", conditions);
    putOptional(j, "collisionCount", collisionCount);
    return j;
}

Result<Deployment> Deployment::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Deployment", json);
    Deployment d;
    FieldReader in(json, "");
    in.object("metadata", d.metadata);
    in.object("spec", d.spec);
    in.object("status", d.status);
    if (!in.ok())
        return in.status();
    return d;
}

Json Deployment::toJson() const {
    Json j{{"apiVersion", "apps/v1"},
           {"kind", "Deployment"},
           {"metadata", metadata.toJson()},
           {"spec", spec.toJson()}};
    putObject(j, "status", status);
    return j;
}

} // namespace cox::model
