#include "scheduler/node_info.h"

#include <algorithm>

namespace cox::scheduler {
namespace {

using model::Json;

void addConditionTaints(const Json &status, std::vector<Taint> &taints) {
    auto conditions = status.find("conditions");
    if (conditions == status.end() || !conditions->is_array())
        return;
    for (const auto &condition : *conditions) {
        if (condition.value("type", std::string()) != "Ready")
            continue;
        std::string state = condition.value("status", std::string("Unknown"));
        if (state == "True")
            return;
        const char *key = state == "False" ? kTaintNotReady : kTaintUnreachable;
        bool present = std::any_of(taints.begin(), taints.end(), [&](const Taint &t) {
            return t.key == key && t.effect == TaintEffect::NoSchedule;
        });
        if (!present)
            taints.push_back({key, "", TaintEffect::NoSchedule});
        return;
    }
}

} // namespace

Result<NodeInfo> NodeInfo::fromJson(const model::Json &json) {
    try {
        return parse(json);
    } catch (const Json::exception &e) {
        return Status(StatusCode::BadRequest, std::string("malformed node: ") + e.what());
    }
}

Result<NodeInfo> NodeInfo::parse(const model::Json &json) {
    static const Json empty = Json::object();
    const Json &metadata = json.contains("metadata") ? json["metadata"] : empty;
    const Json &spec = json.contains("spec") ? json["spec"] : empty;
    const Json &status = json.contains("status") ? json["status"] : empty;
    NodeInfo out;
    out.m_name = metadata.value("name", std::string());
    if (out.m_name.empty())
        return Status(StatusCode::BadRequest, "node needs metadata.name");
    out.m_labels = labelsFromJson(metadata.value("labels", Json::object()));
    out.m_unschedulable = spec.value("unschedulable", false);
    for (const auto &item : spec.value("taints", Json::array())) {
        auto taint = Taint::fromJson(item);
        if (!taint)
            return taint.status();
        out.m_taints.push_back(std::move(*taint));
    }
    addConditionTaints(status, out.m_taints);
    const char *field = status.contains("allocatable") ? "allocatable" : "capacity";
    auto resources = Resources::fromJson(status.value(field, Json::object()));
    if (!resources)
        return resources.status();
    out.m_allocatable = std::move(*resources);
    return out;
}

const std::string *NodeInfo::label(std::string_view key) const {
    auto it = m_labels.find(key);
    return it == m_labels.end() ? nullptr : &it->second;
}

void NodeInfo::account(const PodInfo &pod, int sign) {
    if (sign > 0)
        m_requested.add(pod.requests);
    else
        m_requested.subtract(pod.requests);
    m_nonZeroMilliCpu += sign * pod.nonZeroMilliCpu;
    m_nonZeroMemory += sign * pod.nonZeroMemory;
    m_podsWithAffinity += sign * (pod.hasAffinity() ? 1 : 0);
    m_podsWithRequiredAnti += sign * (pod.requiredAntiAffinity.empty() ? 0 : 1);
}

void NodeInfo::addPod(PodInfoPtr pod) {
    account(*pod, +1);
    m_usedPorts.insert(m_usedPorts.end(), pod->hostPorts.begin(), pod->hostPorts.end());
    m_pods.push_back(std::move(pod));
}

bool NodeInfo::removePod(const std::string &ns, const std::string &name) {
    auto it = std::find_if(m_pods.begin(), m_pods.end(),
                           [&](const PodInfoPtr &p) { return p->name == name && p->ns == ns; });
    if (it == m_pods.end())
        return false;
    account(**it, -1);
    for (const auto &port : (*it)->hostPorts) {
        auto used = std::find_if(m_usedPorts.begin(), m_usedPorts.end(), [&](const HostPort &u) {
            return u.port == port.port && u.protocol == port.protocol && u.hostIp == port.hostIp;
        });
        if (used != m_usedPorts.end())
            m_usedPorts.erase(used);
    }
    m_pods.erase(it);
    return true;
}

void NodeInfo::setNode(const NodeInfo &fresh) {
    m_name = fresh.m_name;
    m_labels = fresh.m_labels;
    m_taints = fresh.m_taints;
    m_unschedulable = fresh.m_unschedulable;
    m_allocatable = fresh.m_allocatable;
}

} // namespace cox::scheduler
