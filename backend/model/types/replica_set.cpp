#include "model/types/replica_set.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<ReplicaSetSpec> ReplicaSetSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ReplicaSetSpec", json);
    ReplicaSetSpec s;
    FieldReader in(json, "");
    in.read("replicas", s.replicas);
    in.read("minReadySeconds", s.minReadySeconds);
    in.object("selector", s.selector);
    in.object("template", s.template_);
    if (!in.ok())
        return in.status();
    return s;
}

Json ReplicaSetSpec::toJson() const {
    Json j = Json::object();
    putOptional(j, "replicas", replicas);
    putInt(j, "minReadySeconds", minReadySeconds);
    putObject(j, "selector", selector);
    j["template"] = template_.toJson();
    return j;
}

Result<ReplicaSetStatus> ReplicaSetStatus::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ReplicaSetStatus", json);
    ReplicaSetStatus s;
    FieldReader in(json, "");
    in.read("replicas", s.replicas);
    in.read("fullyLabeledReplicas", s.fullyLabeledReplicas);
    in.read("readyReplicas", s.readyReplicas);
    in.read("availableReplicas", s.availableReplicas);
    in.read("observedGeneration", s.observedGeneration);
    in.list("conditions", s.conditions);
    if (!in.ok())
        return in.status();
    return s;
}

Json ReplicaSetStatus::toJson() const {
    Json j = Json::object();
    j["replicas"] = replicas; // not omitempty in Kubernetes
    putInt(j, "fullyLabeledReplicas", fullyLabeledReplicas);
    putInt(j, "readyReplicas", readyReplicas);
    putInt(j, "availableReplicas", availableReplicas);
    putInt(j, "observedGeneration", observedGeneration);
    putList(j, "conditions", conditions);
    return j;
}

Result<ReplicaSet> ReplicaSet::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ReplicaSet", json);
    ReplicaSet r;
    FieldReader in(json, "");
    in.object("metadata", r.metadata);
    in.object("spec", r.spec);
    in.object("status", r.status);
    if (!in.ok())
        return in.status();
    return r;
}

Json ReplicaSet::toJson() const {
    return Json{{"apiVersion", "apps/v1"},
                {"kind", "ReplicaSet"},
                {"metadata", metadata.toJson()},
                {"spec", spec.toJson()},
                {"status", status.toJson()}};
}

} // namespace cox::model
