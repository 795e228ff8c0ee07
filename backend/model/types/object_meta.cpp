#include "model/types/object_meta.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<OwnerReference> OwnerReference::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("OwnerReference", json);
    OwnerReference r;
    FieldReader in(json, "");
    in.read("apiVersion", r.apiVersion);
    in.read("kind", r.kind);
    in.read("name", r.name);
    in.read("uid", r.uid);
    in.read("controller", r.controller);
    in.read("blockOwnerDeletion", r.blockOwnerDeletion);
    if (!in.ok())
        return in.status();
    return r;
}

Json OwnerReference::toJson() const {
    Json j = Json::object();
    putString(j, "apiVersion", apiVersion);
    putString(j, "kind", kind);
    putString(j, "name", name);
    putString(j, "uid", uid);
    putOptional(j, "controller", controller);
    putOptional(j, "blockOwnerDeletion", blockOwnerDeletion);
    return j;
}

Result<ObjectMeta> ObjectMeta::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ObjectMeta", json);
    ObjectMeta m;
    FieldReader in(json, "");
    in.read("name", m.name);
    in.read("generateName", m.generateName);
    in.read("namespace", m.namespace_);
    in.read("uid", m.uid);
    in.read("resourceVersion", m.resourceVersion);
    in.read("generation", m.generation);
    in.read("creationTimestamp", m.creationTimestamp);
    in.read("deletionTimestamp", m.deletionTimestamp);
    in.read("deletionGracePeriodSeconds", m.deletionGracePeriodSeconds);
    in.read("labels", m.labels);
    in.read("annotations", m.annotations);
    in.list("ownerReferences", m.ownerReferences);
    in.read("finalizers", m.finalizers);
    if (!in.ok())
        return in.status();
    return m;
}

Json ObjectMeta::toJson() const {
    Json j = Json::object();
    putString(j, "name", name);
    putString(j, "generateName", generateName);
    putString(j, "namespace", namespace_);
    putString(j, "uid", uid);
    putString(j, "resourceVersion", resourceVersion);
    putInt(j, "generation", generation);
    putString(j, "creationTimestamp", creationTimestamp);
    putString(j, "deletionTimestamp", deletionTimestamp);
    putOptional(j, "deletionGracePeriodSeconds", deletionGracePeriodSeconds);
    putMap(j, "labels", labels);
    putMap(j, "annotations", annotations);
    putList(j, "ownerReferences", ownerReferences);
    putStrings(j, "finalizers", finalizers);
    return j;
}

const OwnerReference *ObjectMeta::controllerRef() const {
    for (const auto &ref : ownerReferences) {
        if (ref.controller.value_or(false))
            return &ref;
    }
    return nullptr;
}

} // namespace cox::model
