// Assembly and caching of the OpenAPI v3 documents, one per served group version.
#include "model/openapi.h"

#include "model/openapi_internal.h"
#include "model/resource_type.h"
#include "model/schemas.h"
#include "model/served_version.h"

#include <cstdio>
#include <map>

namespace cox::model {

namespace {

struct Document {
    Json doc;
    std::string text;
    std::string hash;
};

std::string groupVersionPath(const ResourceType &t) {
    return t.group.empty() ? "api/" + t.version : "apis/" + t.group + "/" + t.version;
}

// FNV-1a, 64 bits: a content hash for cache busting, not security.
std::string hashHex(const std::string &text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(h));
    return buf;
}

Json buildDocument(const std::vector<const ResourceType *> &types) {
    Json components = Json::object();
    Json paths = Json::object();
    openapi::ComponentCollector collector(components);
    // Every group version answers with Status and accepts DeleteOptions and Patch bodies.
    const char *meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    collector.use(*schemas::listMeta());
    collector.use(*schemas::status());
    collector.setGvk(std::string(meta) + "Status", openapi::gvk("", "v1", "Status"));
    collector.use(*schemas::deleteOptions());
    components[std::string(meta) + "Patch"] = {
        {"description", "Patch is provided to give a concrete name and type to the Kubernetes "
                        "PATCH request body."},
        {"type", "object"}};
    for (const ResourceType *t : types) {
        openapi::addResourcePaths(*t, collector, paths);
        collector.setGvk(t->schema->componentName, openapi::gvk(t->group, t->version, t->kind));
        collector.setGvk(std::string(meta) + "DeleteOptions",
                         openapi::gvk(t->group, t->version, "DeleteOptions"));
    }
    // Bodies of subresources are kinds of their own group versions.
    if (components.contains("io.k8s.api.core.v1.Binding"))
        collector.setGvk("io.k8s.api.core.v1.Binding", openapi::gvk("", "v1", "Binding"));
    if (components.contains("io.k8s.api.policy.v1.Eviction"))
        collector.setGvk("io.k8s.api.policy.v1.Eviction", openapi::gvk("policy", "v1", "Eviction"));
    if (components.contains("io.k8s.api.autoscaling.v1.Scale"))
        collector.setGvk("io.k8s.api.autoscaling.v1.Scale",
                         openapi::gvk("autoscaling", "v1", "Scale"));
    return Json{{"openapi", "3.0.0"},
                {"info", {{"title", "Coxswain"}, {"version", COX_VERSION}}},
                {"paths", std::move(paths)},
                {"components", {{"schemas", std::move(components)}}}};
}

const std::map<std::string, Document, std::less<>> &documents() {
    static const std::map<std::string, Document, std::less<>> docs = [] {
        std::map<std::string, std::vector<const ResourceType *>> byGroupVersion;
        for (const ResourceType *t : resourceTypes())
            byGroupVersion[groupVersionPath(*t)].push_back(t);
        for (const ServedVersion *v : servedVersions())
            byGroupVersion[groupVersionPath(v->type)].push_back(&v->type);
        std::map<std::string, Document, std::less<>> out;
        for (const auto &[gv, types] : byGroupVersion) {
            Document d;
            d.doc = buildDocument(types);
            d.text = d.doc.dump();
            d.hash = hashHex(d.text);
            out.emplace(gv, std::move(d));
        }
        return out;
    }();
    return docs;
}

const Document *find(std::string_view gvPath) {
    const auto &docs = documents();
    auto it = docs.find(gvPath);
    return it == docs.end() ? nullptr : &it->second;
}

} // namespace

Json openApiV3Index() {
    Json paths = Json::object();
    for (const auto &[gv, d] : documents())
        paths[gv] = {{"serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + d.hash}};
    return Json{{"paths", std::move(paths)}};
}

std::optional<Json> openApiV3Document(std::string_view groupVersionPath) {
    const Document *d = find(groupVersionPath);
    if (!d)
        return std::nullopt;
    return d->doc;
}

const std::string *openApiV3DocumentText(std::string_view groupVersionPath) {
    const Document *d = find(groupVersionPath);
    return d ? &d->text : nullptr;
}

std::string openApiV3Hash(std::string_view groupVersionPath) {
    const Document *d = find(groupVersionPath);
    return d ? d->hash : std::string();
}

} // namespace cox::model
