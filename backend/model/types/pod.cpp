#include "model/types/pod.h"

#include "model/types/json_fields.h"

namespace cox::model {

namespace {

// Reads the metadata/spec pair shared by Pod and PodTemplateSpec.
Status readMetaAndSpec(const Json &json, ObjectMeta &metadata, PodSpec &spec) {
    FieldReader in(json, "");
    in.object("metadata", metadata);
    in.object("spec", spec);
    return in.status();
}

} // namespace

Result<Pod> Pod::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Pod", json);
    Pod pod;
    if (Status s = readMetaAndSpec(json, pod.metadata, pod.spec); !s)
        return s;
    FieldReader in(json, "");
    in.object("status", pod.status);
    if (!in.ok())
        return in.status();
    return pod;
}

Json Pod::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", metadata.toJson()}};
    j["spec"] = spec.toJson();
    putObject(j, "status", status);
    return j;
}

Result<PodTemplateSpec> PodTemplateSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("PodTemplateSpec", json);
    PodTemplateSpec t;
    if (Status s = readMetaAndSpec(json, t.metadata, t.spec); !s)
        return s;
    return t;
}

Json PodTemplateSpec::toJson() const {
    Json j = Json::object();
    j["metadata"] = metadata.toJson();
    j["spec"] = spec.toJson();
    return j;
}

std::map<std::string, Quantity> podRequests(const PodSpec &spec) {
    std::map<std::string, Quantity> total;
    for (const auto &c : spec.containers) {
        for (const auto &[name, q] : c.resources.requests) {
            auto [it, inserted] = total.emplace(name, q);
            if (!inserted)
                it->second = it->second + q;
        }
    }
    // Init containers run one at a time before the app containers: the pod needs the largest.
    for (const auto &c : spec.initContainers) {
        for (const auto &[name, q] : c.resources.requests) {
            auto [it, inserted] = total.emplace(name, q);
            if (!inserted && it->second < q)
                it->second = q;
        }
    }
    for (const auto &[name, q] : spec.overhead) {
        auto [it, inserted] = total.emplace(name, q);
        if (!inserted)
            it->second = it->second + q;
    }
    return total;
}

bool isPodReady(const Pod &pod) {
    const Condition *ready = findCondition(pod.status.conditions, "Ready");
    return ready && ready->isTrue();
}

bool isPodTerminal(const Pod &pod) {
    return pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
}

} // namespace cox::model
