#include "apiserver/discovery.h"

#include "model/resource_type.h"
#include "model/served_version.h"

#include <algorithm>
#include <map>
#include <vector>

namespace cox::apiserver {

using Json = model::Json;

namespace {
// Every type discovery lists: the stored ones, then the served-only versions (so a stored
// version stays the group's preferred one).
std::vector<const model::ResourceType *> discoveredTypes() {
    std::vector<const model::ResourceType *> out = model::resourceTypes();
    for (const auto *v : model::servedVersions())
        out.push_back(&v->type);
    return out;
}

// group -> versions in registry order (the first is preferred).
std::map<std::string, std::vector<std::string>> groupVersions() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto *t : discoveredTypes()) {
        auto &versions = out[t->group];
        if (std::find(versions.begin(), versions.end(), t->version) == versions.end())
            versions.push_back(t->version);
    }
    return out;
}

Json groupJson(const std::string &group, const std::vector<std::string> &versions) {
    Json list = Json::array();
    for (const auto &v : versions)
        list.push_back({{"groupVersion", group + "/" + v}, {"version", v}});
    return {{"name", group}, {"versions", list}, {"preferredVersion", list.at(0)}};
}

Json subresourceEntry(const model::ResourceType &t, const std::string &sub) {
    Json entry = {{"name", t.plural + "/" + sub},
                  {"singularName", ""},
                  {"namespaced", t.namespaced},
                  {"kind", t.kind},
                  {"verbs", Json::array({"get", "patch", "update"})}};
    if (sub == "scale") {
        entry["group"] = "autoscaling";
        entry["version"] = "v1";
        entry["kind"] = "Scale";
    } else if (sub == "binding") {
        entry["kind"] = "Binding";
        entry["verbs"] = Json::array({"create"});
    } else if (sub == "eviction") {
        entry["group"] = "policy";
        entry["version"] = "v1";
        entry["kind"] = "Eviction";
        entry["verbs"] = Json::array({"create"});
    } else if (sub == "log") {
        entry["verbs"] = Json::array({"get"});
    } else if (sub == "finalize") {
        entry["verbs"] = Json::array({"update"});
    }
    return entry;
}
} // namespace

Json apiVersions(const std::string &serverAddress) {
    return {{"kind", "APIVersions"},
            {"versions", Json::array({"v1"})},
            {"serverAddressByClientCIDRs",
             Json::array({{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", serverAddress}}})}};
}

Json apiGroupList() {
    Json groups = Json::array();
    for (const auto &[group, versions] : groupVersions())
        if (!group.empty())
            groups.push_back(groupJson(group, versions));
    return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

Result<Json> apiGroup(const std::string &group) {
    auto all = groupVersions();
    auto it = all.find(group);
    if (group.empty() || it == all.end())
        return Status(StatusCode::NotFound, "the server could not find the requested resource");
    Json out = groupJson(group, it->second);
    out["kind"] = "APIGroup";
    out["apiVersion"] = "v1";
    return out;
}

Result<Json> apiResourceList(const std::string &group, const std::string &version) {
    Json resources = Json::array();
    for (const auto *t : discoveredTypes()) {
        if (t->group != group || t->version != version)
            continue;
        Json entry = {{"name", t->plural},
                      {"singularName", t->singular},
                      {"namespaced", t->namespaced},
                      {"kind", t->kind},
                      {"verbs", t->verbs}};
        if (!t->shortNames.empty())
            entry["shortNames"] = t->shortNames;
        if (!t->categories.empty())
            entry["categories"] = t->categories;
        resources.push_back(std::move(entry));
        for (const auto &sub : t->subresources)
            resources.push_back(subresourceEntry(*t, sub));
    }
    if (resources.empty())
        return Status(StatusCode::NotFound, "the server could not find the requested resource");
    std::string gv = group.empty() ? version : group + "/" + version;
    return Json{{"kind", "APIResourceList"},
                {"apiVersion", "v1"},
                {"groupVersion", gv},
                {"resources", resources}};
}

} // namespace cox::apiserver
