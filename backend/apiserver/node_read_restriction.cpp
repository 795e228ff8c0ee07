#include "apiserver/node_read_restriction.h"

#include "apiserver/object_codec.h"
#include "apiserver/resource_service.h"

namespace cox::apiserver {

namespace {

using model::Json;

// `value` at `pointer` equals `name` (a missing field never matches).
bool named(const Json &object, const char *pointer, const std::string &name) {
    const Json::json_pointer p(pointer);
    return object.contains(p) && object.at(p).is_string() && object.at(p) == name;
}

bool volumeReferences(const Json &volume, const std::string &resource, const std::string &name) {
    if (resource == "secrets" && named(volume, "/secret/secretName", name))
        return true;
    if (resource == "configmaps" && named(volume, "/configMap/name", name))
        return true;
    if (resource == "persistentvolumeclaims" &&
        named(volume, "/persistentVolumeClaim/claimName", name))
        return true;
    const Json sources = volume.value("/projected/sources"_json_pointer, Json::array());
    for (const auto &source : sources) {
        if (resource == "secrets" && named(source, "/secret/name", name))
            return true;
        if (resource == "configmaps" && named(source, "/configMap/name", name))
            return true;
    }
    return false;
}

bool containerReferences(const Json &container, const std::string &resource,
                         const std::string &name) {
    const char *keyRef =
        resource == "secrets" ? "/valueFrom/secretKeyRef/name" : "/valueFrom/configMapKeyRef/name";
    const char *fromRef = resource == "secrets" ? "/secretRef/name" : "/configMapRef/name";
    for (const auto &env : container.value("env", Json::array()))
        if (named(env, keyRef, name))
            return true;
    for (const auto &from : container.value("envFrom", Json::array()))
        if (named(from, fromRef, name))
            return true;
    return false;
}

} // namespace

bool isNodeReadRestricted(const model::ResourceType &type) {
    return type.group.empty() && (type.plural == "secrets" || type.plural == "configmaps" ||
                                  type.plural == "persistentvolumeclaims");
}

bool podReferences(const Json &pod, const std::string &resource, const std::string &name) {
    const Json spec = pod.value("spec", Json::object());
    for (const auto &volume : spec.value("volumes", Json::array()))
        if (volumeReferences(volume, resource, name))
            return true;
    if (resource == "persistentvolumeclaims")
        return false;
    for (const char *list : {"containers", "initContainers", "ephemeralContainers"})
        for (const auto &container : spec.value(list, Json::array()))
            if (containerReferences(container, resource, name))
                return true;
    if (resource == "secrets")
        for (const auto &pull : spec.value("imagePullSecrets", Json::array()))
            if (named(pull, "/name", name))
                return true;
    return false;
}

Status ResourceService::admitNodeRead(const Type &type, const std::string &ns,
                                      const std::string &name, const CallContext &ctx) {
    const std::string node = ctx.user.nodeName();
    if (node.empty() || !isNodeReadRestricted(type))
        return Status::ok();
    const Type *pods = model::findResource("", "v1", "pods");
    ListOptions onNode;
    onNode.fieldSelector = "spec.nodeName=" + node;
    auto page = listRaw(*pods, ns, onNode, CallContext{});
    if (!page)
        return page.status();
    for (const auto &kv : page->items)
        if (podReferences(decodeStored(kv), type.plural, name))
            return Status::ok();
    return Status(StatusCode::Forbidden,
                  type.plural + " \"" + name + "\" is forbidden: User \"" + ctx.user.name +
                      "\" cannot get resource \"" + type.plural +
                      "\" in API group \"\" in the namespace \"" + ns +
                      "\": no relationship found between node '" + node + "' and this object");
}

} // namespace cox::apiserver
