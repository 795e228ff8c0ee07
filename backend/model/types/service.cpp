#include "model/types/service.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<ServicePort> ServicePort::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ServicePort", json);
    ServicePort p;
    FieldReader in(json, "");
    in.read("name", p.name);
    in.read("protocol", p.protocol);
    in.read("port", p.port);
    in.read("nodePort", p.nodePort);
    if (!in.ok())
        return in.status();
    if (auto it = json.find("targetPort"); it != json.end() && !it->is_null()) {
        auto target = IntOrString::fromJson(*it);
        if (!target.isOk())
            return Status(StatusCode::BadRequest, "targetPort: " + target.status().message());
        p.targetPort = *target;
    }
    return p;
}

Json ServicePort::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    putString(j, "protocol", protocol);
    j["port"] = port;
    if (targetPort)
        j["targetPort"] = targetPort->toJson();
    putInt(j, "nodePort", nodePort);
    return j;
}

Result<ServiceSpec> ServiceSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ServiceSpec", json);
    ServiceSpec s;
    FieldReader in(json, "");
    in.read("type", s.type);
    in.read("clusterIP", s.clusterIP);
    in.read("clusterIPs", s.clusterIPs);
    in.list("ports", s.ports);
    in.read("selector", s.selector);
    in.read("sessionAffinity", s.sessionAffinity);
    in.read("externalTrafficPolicy", s.externalTrafficPolicy);
    in.read("externalIPs", s.externalIPs);
    if (!in.ok())
        return in.status();
    return s;
}

Json ServiceSpec::toJson() const {
    Json j = Json::object();
    putList(j, "ports", ports);
    putMap(j, "selector", selector);
    putString(j, "clusterIP", clusterIP);
    putStrings(j, "clusterIPs", clusterIPs);
    putString(j, "type", type);
    putStrings(j, "externalIPs", externalIPs);
    putString(j, "sessionAffinity", sessionAffinity);
    putString(j, "externalTrafficPolicy", externalTrafficPolicy);
    return j;
}

Result<Service> Service::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Service", json);
    Service s;
    FieldReader in(json, "");
    in.object("metadata", s.metadata);
    in.object("spec", s.spec);
    in.read("status", s.status);
    if (!in.ok())
        return in.status();
    return s;
}

Json Service::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", metadata.toJson()}};
    j["spec"] = spec.toJson();
    putJson(j, "status", status);
    return j;
}

Result<EndpointAddress> EndpointAddress::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("EndpointAddress", json);
    EndpointAddress a;
    FieldReader in(json, "");
    in.read("ip", a.ip);
    in.read("hostname", a.hostname);
    in.read("nodeName", a.nodeName);
    in.read("targetRef", a.targetRef);
    if (!in.ok())
        return in.status();
    return a;
}

Json EndpointAddress::toJson() const {
    Json j{{"ip", ip}};
    putString(j, "hostname", hostname);
    putString(j, "nodeName", nodeName);
    putJson(j, "targetRef", targetRef);
    return j;
}

Result<EndpointPort> EndpointPort::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("EndpointPort", json);
    EndpointPort p;
    FieldReader in(json, "");
    in.read("name", p.name);
    in.read("port", p.port);
    in.read("protocol", p.protocol);
    if (!in.ok())
        return in.status();
    return p;
}

Json EndpointPort::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    j["port"] = port;
    putString(j, "protocol", protocol);
    return j;
}

Result<EndpointSubset> EndpointSubset::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("EndpointSubset", json);
    EndpointSubset s;
    FieldReader in(json, "");
    in.list("addresses", s.addresses);
    in.list("notReadyAddresses", s.notReadyAddresses);
    in.list("ports", s.ports);
    if (!in.ok())
        return in.status();
    return s;
}

Json EndpointSubset::toJson() const {
    Json j = Json::object();
    putList(j, "addresses", addresses);
    putList(j, "notReadyAddresses", notReadyAddresses);
    putList(j, "ports", ports);
    return j;
}

Result<Endpoints> Endpoints::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Endpoints", json);
    Endpoints e;
    FieldReader in(json, "");
    in.object("metadata", e.metadata);
    in.list("subsets", e.subsets);
    if (!in.ok())
        return in.status();
    return e;
}

Json Endpoints::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "Endpoints"}, {"metadata", metadata.toJson()}};
    putList(j, "subsets", subsets);
    return j;
}

} // namespace cox::model
