#include "model/types/container.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<ContainerPort> ContainerPort::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ContainerPort", json);
    ContainerPort p;
    FieldReader in(json, "");
    in.read("name", p.name);
    in.read("containerPort", p.containerPort);
    in.read("hostPort", p.hostPort);
    in.read("protocol", p.protocol);
    in.read("hostIP", p.hostIP);
    if (!in.ok())
        return in.status();
    return p;
}

Json ContainerPort::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    putInt(j, "hostPort", hostPort);
    putInt(j, "containerPort", containerPort);
    putString(j, "protocol", protocol);
    putString(j, "hostIP", hostIP);
    return j;
}

Result<EnvVar> EnvVar::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("EnvVar", json);
    EnvVar e;
    FieldReader in(json, "");
    in.read("name", e.name);
    in.read("value", e.value);
    in.read("valueFrom", e.valueFrom);
    if (!in.ok())
        return in.status();
    return e;
}

Json EnvVar::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    putString(j, "value", value);
    putJson(j, "valueFrom", valueFrom);
    return j;
}

Result<ResourceRequirements> ResourceRequirements::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ResourceRequirements", json);
    ResourceRequirements r;
    FieldReader in(json, "");
    in.read("limits", r.limits);
    in.read("requests", r.requests);
    if (!in.ok())
        return in.status();
    return r;
}

Json ResourceRequirements::toJson() const {
    Json j = Json::object();
    putQuantities(j, "limits", limits);
    putQuantities(j, "requests", requests);
    return j;
}

Result<VolumeMount> VolumeMount::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("VolumeMount", json);
    VolumeMount m;
    FieldReader in(json, "");
    in.read("name", m.name);
    in.read("mountPath", m.mountPath);
    in.read("readOnly", m.readOnly);
    in.read("subPath", m.subPath);
    if (!in.ok())
        return in.status();
    return m;
}

Json VolumeMount::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    putBool(j, "readOnly", readOnly);
    putString(j, "mountPath", mountPath);
    putString(j, "subPath", subPath);
    return j;
}

Result<Container> Container::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Container", json);
    Container c;
    FieldReader in(json, "");
    in.read("name", c.name);
    in.read("image", c.image);
    in.read("command", c.command);
    in.read("args", c.args);
    in.read("workingDir", c.workingDir);
    in.list("env", c.env);
    in.list("ports", c.ports);
    in.object("resources", c.resources);
    in.object("livenessProbe", c.livenessProbe);
    in.object("readinessProbe", c.readinessProbe);
    in.object("startupProbe", c.startupProbe);
    in.list("volumeMounts", c.volumeMounts);
    in.read("imagePullPolicy", c.imagePullPolicy);
    if (!in.ok())
        return in.status();
    return c;
}

Json Container::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    putString(j, "image", image);
    putStrings(j, "command", command);
    putStrings(j, "args", args);
    putString(j, "workingDir", workingDir);
    putList(j, "ports", ports);
    putList(j, "env", env);
    putObject(j, "resources", resources);
    putList(j, "volumeMounts", volumeMounts);
    putObject(j, "livenessProbe", livenessProbe);
    putObject(j, "readinessProbe", readinessProbe);
    putObject(j, "startupProbe", startupProbe);
    putString(j, "imagePullPolicy", imagePullPolicy);
    return j;
}

} // namespace cox::model
