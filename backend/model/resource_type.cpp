// The registry of served resource types, with Kubernetes' own names, short names, categories and
// verbs (as `kubectl api-resources` lists them), and the lookup of request-body schemas.
#include "model/resource_type.h"

#include "model/schemas.h"
#include "model/served_version.h"

namespace cox::model {

namespace {

const std::vector<std::string> kAllVerbs = {"create", "delete", "deletecollection", "get",
                                            "list",   "patch",  "update",           "watch"};

ResourceType make(std::string group, std::string version, std::string kind, std::string plural,
                  std::string singular, bool namespaced, const Schema *schema) {
    ResourceType t;
    t.group = std::move(group);
    t.version = std::move(version);
    t.kind = std::move(kind);
    t.plural = std::move(plural);
    t.singular = std::move(singular);
    t.namespaced = namespaced;
    t.verbs = kAllVerbs;
    t.schema = schema;
    return t;
}

std::vector<ResourceType> buildTypes() {
    using namespace schemas;
    std::vector<ResourceType> types;

    auto &ns = types.emplace_back(
        make("", "v1", "Namespace", "namespaces", "namespace", false, namespaceKind()));
    ns.shortNames = {"ns"};
    ns.subresources = {"status", "finalize"};
    // Namespaces cannot be deleted as a collection in Kubernetes.
    ns.verbs = {"create", "delete", "get", "list", "patch", "update", "watch"};

    auto &no = types.emplace_back(make("", "v1", "Node", "nodes", "node", false, node()));
    no.shortNames = {"no"};
    no.subresources = {"status"};

    auto &po = types.emplace_back(make("", "v1", "Pod", "pods", "pod", true, pod()));
    po.shortNames = {"po"};
    po.categories = {"all"};
    po.subresources = {"status", "binding", "eviction", "log"};

    auto &svc =
        types.emplace_back(make("", "v1", "Service", "services", "service", true, service()));
    svc.shortNames = {"svc"};
    svc.categories = {"all"};
    svc.subresources = {"status"};
    // No deletecollection for services either (ClusterIP release is per object).
    svc.verbs = {"create", "delete", "get", "list", "patch", "update", "watch"};

    auto &ep = types.emplace_back(
        make("", "v1", "Endpoints", "endpoints", "endpoints", true, endpoints()));
    ep.shortNames = {"ep"};

    auto &ev = types.emplace_back(make("", "v1", "Event", "events", "event", true, event()));
    ev.shortNames = {"ev"};

    auto &cm = types.emplace_back(
        make("", "v1", "ConfigMap", "configmaps", "configmap", true, configMap()));
    cm.shortNames = {"cm"};

    types.emplace_back(make("", "v1", "Secret", "secrets", "secret", true, secret()));

    auto &deploy = types.emplace_back(
        make("apps", "v1", "Deployment", "deployments", "deployment", true, deployment()));
    deploy.shortNames = {"deploy"};
    deploy.categories = {"all"};
    deploy.subresources = {"status", "scale"};

    auto &rs = types.emplace_back(
        make("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, replicaSet()));
    rs.shortNames = {"rs"};
    rs.categories = {"all"};
    rs.subresources = {"status", "scale"};

    types.emplace_back(
        make("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, lease()));

    auto &hpa = types.emplace_back(make("autoscaling", "v2", "HorizontalPodAutoscaler",
                                        "horizontalpodautoscalers", "horizontalpodautoscaler", true,
                                        horizontalPodAutoscaler()));
    hpa.shortNames = {"hpa"};
    hpa.categories = {"all"};
    hpa.subresources = {"status"};

    // Create-only reviews every authenticated caller may make: `kubectl auth can-i` and
    // `kubectl auth whoami`.
    auto &access = types.emplace_back(make("authorization.k8s.io", "v1", "SelfSubjectAccessReview",
                                           "selfsubjectaccessreviews", "selfsubjectaccessreview",
                                           false, selfSubjectAccessReview()));
    access.verbs = {"create"};
    access.virtualCreate = true;
    auto &whoami = types.emplace_back(make("authentication.k8s.io", "v1", "SelfSubjectReview",
                                           "selfsubjectreviews", "selfsubjectreview", false,
                                           selfSubjectReview()));
    whoami.verbs = {"create"};
    whoami.virtualCreate = true;

    auto &move = types.emplace_back(
        make("coxswain.io", "v1", "PodMove", "podmoves", "podmove", true, podMove()));
    move.shortNames = {"pm"};
    move.subresources = {"status"};

    auto &explain = types.emplace_back(make("coxswain.io", "v1", "SchedulingExplanation",
                                            "schedulingexplanations", "schedulingexplanation", true,
                                            schedulingExplanation()));
    explain.verbs = {"create"};
    explain.virtualCreate = true;

    auto &credential = types.emplace_back(make("coxswain.io", "v1", "NodeCredentialRequest",
                                               "nodecredentialrequests", "nodecredentialrequest",
                                               false, nodeCredentialRequest()));
    credential.verbs = {"create"};
    credential.virtualCreate = true;
    return types;
}

struct Registry {
    std::vector<ResourceType> types = buildTypes();
    std::vector<const ResourceType *> pointers;
    Registry() {
        for (const auto &t : types)
            pointers.push_back(&t);
    }
};

const Registry &registry() {
    static const Registry r;
    return r;
}

} // namespace

const std::vector<const ResourceType *> &resourceTypes() {
    return registry().pointers;
}

const ResourceType *findResource(std::string_view group, std::string_view version,
                                 std::string_view plural) {
    for (const ResourceType *t : resourceTypes())
        if (t->group == group && t->version == version && t->plural == plural)
            return t;
    return nullptr;
}

const ResourceType *findKind(std::string_view apiVersion, std::string_view kind) {
    for (const ResourceType *t : resourceTypes())
        if (t->kind == kind && t->apiVersion() == apiVersion)
            return t;
    return nullptr;
}

const Schema *bodySchema(std::string_view apiVersion, std::string_view kind) {
    // DeleteOptions is registered in every group version (and sent without one by some clients).
    if (kind == "DeleteOptions")
        return schemas::deleteOptions();
    if (kind == "Binding" && apiVersion == "v1")
        return schemas::binding();
    if (kind == "Eviction" && apiVersion == "policy/v1")
        return schemas::eviction();
    if (kind == "Scale" && apiVersion == "autoscaling/v1")
        return schemas::scale();
    if (const ResourceType *t = findKind(apiVersion, kind))
        return t->schema;
    for (const ServedVersion *v : servedVersions())
        if (v->type.kind == kind && v->type.apiVersion() == apiVersion)
            return v->type.schema;
    return nullptr;
}

} // namespace cox::model
