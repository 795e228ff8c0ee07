#include "model/types/node.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<NodeSpec> NodeSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeSpec", json);
    NodeSpec s;
    FieldReader in(json, "");
    in.read("podCIDR", s.podCIDR);
    in.read("podCIDRs", s.podCIDRs);
    in.read("providerID", s.providerID);
    in.read("unschedulable", s.unschedulable);
    in.list("taints", s.taints);
    if (!in.ok())
        return in.status();
    return s;
}

Json NodeSpec::toJson() const {
    Json j = Json::object();
    putString(j, "podCIDR", podCIDR);
    putStrings(j, "podCIDRs", podCIDRs);
    putString(j, "providerID", providerID);
    putBool(j, "unschedulable", unschedulable);
    putList(j, "taints", taints);
    return j;
}

Result<NodeAddress> NodeAddress::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeAddress", json);
    NodeAddress a;
    FieldReader in(json, "");
    in.read("type", a.type);
    in.read("address", a.address);
    if (!in.ok())
        return in.status();
    return a;
}

Json NodeAddress::toJson() const {
    return Json{{"type", type}, {"address", address}};
}

Result<NodeSystemInfo> NodeSystemInfo::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeSystemInfo", json);
    NodeSystemInfo i;
    FieldReader in(json, "");
    in.read("machineID", i.machineID);
    in.read("systemUUID", i.systemUUID);
    in.read("bootID", i.bootID);
    in.read("kernelVersion", i.kernelVersion);
    in.read("osImage", i.osImage);
    in.read("containerRuntimeVersion", i.containerRuntimeVersion);
    in.read("kubeletVersion", i.kubeletVersion);
    in.read("kubeProxyVersion", i.kubeProxyVersion);
    in.read("operatingSystem", i.operatingSystem);
    in.read("architecture", i.architecture);
    if (!in.ok())
        return in.status();
    return i;
}

Json NodeSystemInfo::toJson() const {
    Json j = Json::object();
    putString(j, "machineID", machineID);
    putString(j, "systemUUID", systemUUID);
    putString(j, "bootID", bootID);
    putString(j, "kernelVersion", kernelVersion);
    putString(j, "osImage", osImage);
    putString(j, "containerRuntimeVersion", containerRuntimeVersion);
    putString(j, "kubeletVersion", kubeletVersion);
    putString(j, "kubeProxyVersion", kubeProxyVersion);
    putString(j, "operatingSystem", operatingSystem);
    putString(j, "architecture", architecture);
    return j;
}

Result<NodeStatus> NodeStatus::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("NodeStatus", json);
    NodeStatus s;
    FieldReader in(json, "");
    in.read("capacity", s.capacity);
    in.read("allocatable", s.allocatable);
    in.list("conditions", s.conditions);
    in.list("addresses", s.addresses);
    in.object("nodeInfo", s.nodeInfo);
    if (!in.ok())
        return in.status();
    return s;
}

Json NodeStatus::toJson() const {
    Json j = Json::object();
    putQuantities(j, "capacity", capacity);
    putQuantities(j, "allocatable", allocatable);
    putList(j, "conditions", conditions);
    putList(j, "addresses", addresses);
    putObject(j, "nodeInfo", nodeInfo);
    return j;
}

Result<Node> Node::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Node", json);
    Node n;
    FieldReader in(json, "");
    in.object("metadata", n.metadata);
    in.object("spec", n.spec);
    in.object("status", n.status);
    if (!in.ok())
        return in.status();
    return n;
}

Json Node::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", metadata.toJson()}};
    putObject(j, "spec", spec);
    putObject(j, "status", status);
    return j;
}

bool Node::isReady() const {
    const Condition *ready = findCondition(status.conditions, "Ready");
    return ready && ready->isTrue();
}

} // namespace cox::model
