#include "model/types/cluster_objects.h"

#include "model/types/json_fields.h"

namespace cox::model {

namespace {

const Json &member(const Json &json, const char *key) {
    static const Json empty = Json::object();
    auto it = json.find(key);
    return it != json.end() && !it->is_null() ? *it : empty;
}

} // namespace

Result<Lease> Lease::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Lease", json);
    Lease l;
    FieldReader in(json, "");
    in.object("metadata", l.metadata);
    const Json &spec = member(json, "spec");
    if (!spec.is_object())
        return Status(StatusCode::BadRequest, "spec: expected object");
    FieldReader s(spec, "spec");
    s.read("holderIdentity", l.holderIdentity);
    s.read("leaseDurationSeconds", l.leaseDurationSeconds);
    s.read("acquireTime", l.acquireTime);
    s.read("renewTime", l.renewTime);
    s.read("leaseTransitions", l.leaseTransitions);
    if (!in.ok())
        return in.status();
    if (!s.ok())
        return s.status();
    return l;
}

Json Lease::toJson() const {
    Json spec = Json::object();
    putString(spec, "holderIdentity", holderIdentity);
    putOptional(spec, "leaseDurationSeconds", leaseDurationSeconds);
    putString(spec, "acquireTime", acquireTime);
    putString(spec, "renewTime", renewTime);
    putOptional(spec, "leaseTransitions", leaseTransitions);
    return Json{{"apiVersion", "coordination.k8s.io/v1"},
                {"kind", "Lease"},
                {"metadata", metadata.toJson()},
                {"spec", spec}};
}

Result<ObjectReference> ObjectReference::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ObjectReference", json);
    ObjectReference r;
    FieldReader in(json, "");
    in.read("kind", r.kind);
    in.read("namespace", r.namespace_);
    in.read("name", r.name);
    in.read("uid", r.uid);
    in.read("apiVersion", r.apiVersion);
    in.read("resourceVersion", r.resourceVersion);
    in.read("fieldPath", r.fieldPath);
    if (!in.ok())
        return in.status();
    return r;
}

Json ObjectReference::toJson() const {
    Json j = Json::object();
    putString(j, "kind", kind);
    putString(j, "namespace", namespace_);
    putString(j, "name", name);
    putString(j, "uid", uid);
    putString(j, "apiVersion", apiVersion);
    putString(j, "resourceVersion", resourceVersion);
    putString(j, "fieldPath", fieldPath);
    return j;
}

Result<Event> Event::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Event", json);
    Event e;
    FieldReader in(json, "");
    in.object("metadata", e.metadata);
    in.object("involvedObject", e.involvedObject);
    in.read("reason", e.reason);
    in.read("message", e.message);
    in.read("firstTimestamp", e.firstTimestamp);
    in.read("lastTimestamp", e.lastTimestamp);
    in.read("count", e.count);
    in.read("type", e.type);
    in.read("eventTime", e.eventTime);
    in.read("reportingComponent", e.reportingComponent);
    in.read("reportingInstance", e.reportingInstance);
    in.read("action", e.action);
    FieldReader source(member(json, "source"), "source");
    source.read("component", e.sourceComponent);
    source.read("host", e.sourceHost);
    if (!in.ok())
        return in.status();
    if (!source.ok())
        return source.status();
    return e;
}

Json Event::toJson() const {
    Json j{{"apiVersion", "v1"},
           {"kind", "Event"},
           {"metadata", metadata.toJson()},
           {"involvedObject", involvedObject.toJson()}};
    putString(j, "reason", reason);
    putString(j, "message", message);
    Json source = Json::object();
    putString(source, "component", sourceComponent);
    putString(source, "host", sourceHost);
    if (!source.empty())
        j["source"] = source;
    putString(j, "firstTimestamp", firstTimestamp);
    putString(j, "lastTimestamp", lastTimestamp);
    putInt(j, "count", count);
    putString(j, "type", type);
    putString(j, "eventTime", eventTime);
    putString(j, "action", action);
    putString(j, "reportingComponent", reportingComponent);
    putString(j, "reportingInstance", reportingInstance);
    return j;
}

Result<Namespace> Namespace::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Namespace", json);
    Namespace n;
    FieldReader in(json, "");
    in.object("metadata", n.metadata);
    FieldReader spec(member(json, "spec"), "spec");
    spec.read("finalizers", n.finalizers);
    FieldReader status(member(json, "status"), "status");
    status.read("phase", n.phase);
    status.list("conditions", n.conditions);
    for (const FieldReader *r : {&in, &spec, &status}) {
        if (!r->ok())
            return r->status();
    }
    return n;
}

Json Namespace::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", metadata.toJson()}};
    Json spec = Json::object();
    putStrings(spec, "finalizers", finalizers);
    if (!spec.empty())
        j["spec"] = spec;
    Json status = Json::object();
    putString(status, "phase", phase);
    putList(status, "conditions", conditions);
    if (!status.empty())
        j["status"] = status;
    return j;
}

} // namespace cox::model
