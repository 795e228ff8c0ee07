#include "model/types/pod_status.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<ContainerStatus> ContainerStatus::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ContainerStatus", json);
    ContainerStatus s;
    FieldReader in(json, "");
    in.read("name", s.name);
    in.read("ready", s.ready);
    in.read("restartCount", s.restartCount);
    in.read("image", s.image);
    in.read("imageID", s.imageID);
    in.read("containerID", s.containerID);
    in.read("started", s.started);
    in.read("state", s.state);
    in.read("lastState", s.lastState);
    if (!in.ok())
        return in.status();
    return s;
}

Json ContainerStatus::toJson() const {
    Json j = Json::object();
    j["name"] = name;
    putJson(j, "state", state);
    putJson(j, "lastState", lastState);
    j["ready"] = ready; // not omitempty in Kubernetes
    j["restartCount"] = restartCount;
    j["image"] = image;
    j["imageID"] = imageID;
    putString(j, "containerID", containerID);
    putOptional(j, "started", started);
    return j;
}

Result<PodStatus> PodStatus::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("PodStatus", json);
    PodStatus s;
    FieldReader in(json, "");
    in.read("phase", s.phase);
    in.list("conditions", s.conditions);
    in.read("message", s.message);
    in.read("reason", s.reason);
    in.read("nominatedNodeName", s.nominatedNodeName);
    in.read("hostIP", s.hostIP);
    in.read("podIP", s.podIP);
    in.read("startTime", s.startTime);
    in.list("initContainerStatuses", s.initContainerStatuses);
    in.list("containerStatuses", s.containerStatuses);
    in.read("qosClass", s.qosClass);
    Json ips;
    in.read("podIPs", ips);
    if (!in.ok())
        return in.status();
    if (!ips.is_null() && !ips.is_array())
        return Status(StatusCode::BadRequest, "podIPs: expected array");
    for (const auto &ip : ips) {
        if (!ip.is_object() || !ip.value("ip", Json()).is_string())
            return Status(StatusCode::BadRequest, "podIPs: expected [{\"ip\": string}]");
        s.podIPs.push_back(ip["ip"].get<std::string>());
    }
    return s;
}

Json PodStatus::toJson() const {
    Json j = Json::object();
    putString(j, "phase", phase);
    putList(j, "conditions", conditions);
    putString(j, "message", message);
    putString(j, "reason", reason);
    putString(j, "nominatedNodeName", nominatedNodeName);
    putString(j, "hostIP", hostIP);
    putString(j, "podIP", podIP);
    if (!podIPs.empty()) {
        j["podIPs"] = Json::array();
        for (const auto &ip : podIPs)
            j["podIPs"].push_back({{"ip", ip}});
    }
    putString(j, "startTime", startTime);
    putList(j, "initContainerStatuses", initContainerStatuses);
    putList(j, "containerStatuses", containerStatuses);
    putString(j, "qosClass", qosClass);
    return j;
}

} // namespace cox::model
