// Entry points of object validation: the metadata rules every kind shares, dispatch to the
// per-kind validators, and the update (immutability) rules.
#include "model/object_validation.h"

#include "model/object_validation_rules.h"

namespace cox::model {

using namespace rules;

namespace {

constexpr long long kMaxAnnotationBytes = 256 * 1024;

enum class NameRule { Subdomain, Label, Dns1035 };

NameRule nameRuleFor(const ResourceType &type) {
    if (type.kind == "Namespace")
        return NameRule::Label;
    if (type.kind == "Service")
        return NameRule::Dns1035;
    return NameRule::Subdomain;
}

std::vector<std::string> checkName(NameRule rule, const std::string &name) {
    switch (rule) {
    case NameRule::Label:
        return checkDns1123Label(name);
    case NameRule::Dns1035:
        return checkDns1035Label(name);
    case NameRule::Subdomain:
        break;
    }
    return checkDns1123Subdomain(name);
}

void validateAnnotations(Errors &errs, const Json &annotations, const std::string &path) {
    if (!annotations.is_object())
        return;
    long long total = 0;
    for (const auto &[k, v] : annotations.items()) {
        std::string lower = k;
        for (char &c : lower)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        errs.addAll(path, k, checkQualifiedName(lower));
        total += (long long)k.size() +
                 (v.is_string() ? (long long)v.get_ref<const std::string &>().size() : 0);
    }
    if (total > kMaxAnnotationBytes)
        errs.tooLong(path, kMaxAnnotationBytes);
}

void validateOwnerReferences(Errors &errs, const Json &meta) {
    const Json &refs = array(meta, "ownerReferences");
    int controllers = 0;
    for (size_t i = 0; i < refs.size(); ++i) {
        std::string path = index("metadata.ownerReferences", i);
        for (const char *f : {"apiVersion", "kind", "name", "uid"})
            if (str(refs[i], f).empty())
                errs.required(child(path, f));
        if (boolean(refs[i], "controller"))
            ++controllers;
    }
    if (controllers > 1)
        errs.invalid("metadata.ownerReferences", Json(),
                     "Only one reference can have Controller "
                     "set to true");
}

void validateMetadata(Errors &errs, const ResourceType &type, const Json &obj) {
    const Json *meta = member(obj, "metadata");
    if (!meta || !meta->is_object()) {
        errs.required("metadata.name", "name or generateName is required");
        return;
    }
    NameRule rule = nameRuleFor(type);
    std::string name = str(*meta, "name");
    std::string generateName = str(*meta, "generateName");
    if (!name.empty())
        errs.addAll("metadata.name", name, checkName(rule, name));
    else if (generateName.empty())
        errs.required("metadata.name", "name or generateName is required");
    if (!generateName.empty()) {
        // generateName is a prefix: a trailing '-' is fine, the rest must be a valid name start.
        std::string prefix = generateName;
        if (prefix.back() == '-')
            prefix.pop_back();
        if (!prefix.empty())
            errs.addAll("metadata.generateName", generateName, checkName(rule, prefix + "x"));
    }
    std::string ns = str(*meta, "namespace");
    if (type.namespaced && ns.empty())
        errs.required("metadata.namespace");
    else if (type.namespaced)
        errs.addAll("metadata.namespace", ns, checkDns1123Label(ns));
    else if (!ns.empty())
        errs.forbidden("metadata.namespace", "not allowed on this type");
    validateLabels(errs, object(*meta, "labels"), "metadata.labels");
    validateAnnotations(errs, object(*meta, "annotations"), "metadata.annotations");
    validateOwnerReferences(errs, *meta);
    if (auto gen = integer(*meta, "generation"); gen && *gen < 0)
        errs.invalid("metadata.generation", *gen, "must be greater than or equal to 0");
}

void validatePod(Errors &errs, const Json &obj) {
    const Json *spec = member(obj, "spec");
    if (!spec)
        return errs.required("spec");
    validatePodSpec(errs, *spec, "spec");
}

void immutable(Errors &errs, const Json *now, const Json *old, const std::string &path) {
    Json a = now ? *now : Json();
    Json b = old ? *old : Json();
    if (a != b)
        errs.invalid(path, a, "field is immutable");
}

void validateMetadataUpdate(Errors &errs, const Json &obj, const Json &old) {
    const Json &meta = object(obj, "metadata");
    const Json &oldMeta = object(old, "metadata");
    for (const char *f : {"name", "namespace", "uid"}) {
        if (str(oldMeta, f).empty())
            continue;
        immutable(errs, member(meta, f), member(oldMeta, f), child("metadata", f));
    }
    if (member(oldMeta, "creationTimestamp") && member(meta, "creationTimestamp"))
        immutable(errs, member(meta, "creationTimestamp"), member(oldMeta, "creationTimestamp"),
                  "metadata.creationTimestamp");
}

// ConfigMap and Secret: once `immutable: true`, data and the flag itself are frozen.
void validateImmutableData(Errors &errs, const Json &obj, const Json &old) {
    if (!boolean(old, "immutable"))
        return;
    if (!boolean(obj, "immutable"))
        errs.forbidden("immutable", "field is immutable when `immutable` is set");
    for (const char *f : {"data", "binaryData", "stringData"}) {
        const Json *now = member(obj, f);
        const Json *was = member(old, f);
        bool nowEmpty = !now || now->empty();
        bool wasEmpty = !was || was->empty();
        if (nowEmpty && wasEmpty)
            continue;
        if (nowEmpty != wasEmpty || *now != *was)
            errs.forbidden(f, "field is immutable when `immutable` is set");
    }
}

void validateKindUpdate(Errors &errs, const std::string &kind, const Json &obj, const Json &old) {
    if (kind == "Pod")
        return validatePodUpdate(errs, obj, old);
    if (kind == "PodMove")
        return immutable(errs, member(obj, "spec"), member(old, "spec"), "spec");
    if (kind == "Deployment" || kind == "ReplicaSet")
        return immutable(errs, member(object(obj, "spec"), "selector"),
                         member(object(old, "spec"), "selector"), "spec.selector");
    if (kind == "Service") {
        std::string was = str(object(old, "spec"), "clusterIP");
        if (!was.empty() && str(object(obj, "spec"), "clusterIP") != was)
            errs.invalid("spec.clusterIP", str(object(obj, "spec"), "clusterIP"),
                         "field is immutable");
        return;
    }
    if (kind == "Secret" || kind == "ConfigMap") {
        validateImmutableData(errs, obj, old);
        if (kind == "Secret" && str(obj, "type") != str(old, "type"))
            errs.invalid("type", str(obj, "type"), "field is immutable");
    }
}

} // namespace

FieldErrors validateObject(const ResourceType &type, const Json &object) {
    Errors errs;
    if (!object.is_object()) {
        errs.invalid("", object, "must be a JSON object");
        return std::move(errs.list);
    }
    validateMetadata(errs, type, object);
    const std::string &kind = type.kind;
    if (kind == "Pod")
        validatePod(errs, object);
    else if (kind == "Deployment")
        validateDeployment(errs, object);
    else if (kind == "ReplicaSet")
        validateReplicaSet(errs, object);
    else if (kind == "Service")
        validateService(errs, object);
    else if (kind == "Node")
        validateNode(errs, object);
    else if (kind == "Namespace")
        validateNamespace(errs, object);
    else if (kind == "ConfigMap")
        validateConfigMap(errs, object);
    else if (kind == "Secret")
        validateSecret(errs, object);
    else if (kind == "Lease")
        validateLease(errs, object);
    else if (kind == "Event")
        validateEvent(errs, object);
    else if (kind == "HorizontalPodAutoscaler")
        validateHpa(errs, object);
    else if (kind == "PodMove")
        validatePodMove(errs, object);
    return std::move(errs.list);
}

FieldErrors validateObjectUpdate(const ResourceType &type, const Json &object, const Json &old) {
    FieldErrors list = validateObject(type, object);
    if (!object.is_object() || !old.is_object())
        return list;
    Errors errs;
    validateMetadataUpdate(errs, object, old);
    validateKindUpdate(errs, type.kind, object, old);
    list.insert(list.end(), errs.list.begin(), errs.list.end());
    return list;
}

} // namespace cox::model
