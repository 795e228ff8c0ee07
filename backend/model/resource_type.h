// ResourceType: what the API serves for one kind - its names for URLs and discovery, whether it
// lives in a namespace, its subresources, and its schema. The registry is the single list every
// layer reads (REST routing, discovery, OpenAPI, kubectl short names).
#pragma once

#include "model/schema.h"

#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

struct ResourceType {
    std::string group;    // "" for the core group
    std::string version;  // "v1"
    std::string kind;     // "Pod"
    std::string plural;   // "pods" (URL segment)
    std::string singular; // "pod"
    bool namespaced = true;
    std::vector<std::string> shortNames;   // "po"
    std::vector<std::string> categories;   // "all"
    std::vector<std::string> subresources; // "status", "scale", "binding", "eviction", "log"
    std::vector<std::string> verbs;        // discovery verbs
    const Schema *schema = nullptr;        // the whole object, including metadata/spec/status
    // Not stored: create is answered by a handler the control plane registers (like Kubernetes'
    // TokenReview); the only verb is "create".
    bool virtualCreate = false;

    std::string apiVersion() const { return group.empty() ? version : group + "/" + version; }
    bool hasSubresource(std::string_view name) const {
        for (const auto &s : subresources)
            if (s == name)
                return true;
        return false;
    }
};

// Every served resource type, in a stable order.
const std::vector<const ResourceType *> &resourceTypes();
// Lookup by URL coordinates; nullptr when not served.
const ResourceType *findResource(std::string_view group, std::string_view version,
                                 std::string_view plural);
// Lookup by apiVersion ("apps/v1") and kind ("Deployment"); nullptr when not served.
const ResourceType *findKind(std::string_view apiVersion, std::string_view kind);

} // namespace cox::model
