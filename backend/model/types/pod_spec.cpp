#include "model/types/pod_spec.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<TopologySpreadConstraint> TopologySpreadConstraint::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("TopologySpreadConstraint", json);
    TopologySpreadConstraint c;
    FieldReader in(json, "");
    in.read("maxSkew", c.maxSkew);
    in.read("topologyKey", c.topologyKey);
    in.read("whenUnsatisfiable", c.whenUnsatisfiable);
    in.object("labelSelector", c.labelSelector);
    in.read("minDomains", c.minDomains);
    if (!in.ok())
        return in.status();
    return c;
}

Json TopologySpreadConstraint::toJson() const {
    Json j = Json::object();
    j["maxSkew"] = maxSkew;
    putString(j, "topologyKey", topologyKey);
    putString(j, "whenUnsatisfiable", whenUnsatisfiable);
    putObject(j, "labelSelector", labelSelector);
    putOptional(j, "minDomains", minDomains);
    return j;
}

Result<PodSpec> PodSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("PodSpec", json);
    PodSpec s;
    FieldReader in(json, "");
    in.list("containers", s.containers);
    in.list("initContainers", s.initContainers);
    in.read("nodeName", s.nodeName);
    in.read("nodeSelector", s.nodeSelector);
    in.object("affinity", s.affinity);
    in.list("tolerations", s.tolerations);
    in.list("topologySpreadConstraints", s.topologySpreadConstraints);
    in.read("restartPolicy", s.restartPolicy);
    in.read("terminationGracePeriodSeconds", s.terminationGracePeriodSeconds);
    in.read("hostNetwork", s.hostNetwork);
    in.read("priority", s.priority);
    in.read("priorityClassName", s.priorityClassName);
    in.read("schedulerName", s.schedulerName);
    in.read("serviceAccountName", s.serviceAccountName);
    in.read("volumes", s.volumes);
    in.read("dnsPolicy", s.dnsPolicy);
    in.read("overhead", s.overhead);
    if (!in.ok())
        return in.status();
    return s;
}

Json PodSpec::toJson() const {
    Json j = Json::object();
    putJson(j, "volumes", volumes);
    putList(j, "initContainers", initContainers);
    // Kubernetes always writes containers (required field), even when empty.
    j["containers"] = Json::array();
    for (const auto &c : containers)
        j["containers"].push_back(c.toJson());
    putString(j, "restartPolicy", restartPolicy);
    putOptional(j, "terminationGracePeriodSeconds", terminationGracePeriodSeconds);
    putString(j, "dnsPolicy", dnsPolicy);
    putMap(j, "nodeSelector", nodeSelector);
    putString(j, "serviceAccountName", serviceAccountName);
    putString(j, "nodeName", nodeName);
    putBool(j, "hostNetwork", hostNetwork);
    putObject(j, "affinity", affinity);
    putString(j, "schedulerName", schedulerName);
    putList(j, "tolerations", tolerations);
    putString(j, "priorityClassName", priorityClassName);
    putOptional(j, "priority", priority);
    putQuantities(j, "overhead", overhead);
    putList(j, "topologySpreadConstraints", topologySpreadConstraints);
    return j;
}

} // namespace cox::model
