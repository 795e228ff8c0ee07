// ObjectMeta and OwnerReference: the metadata every API object carries.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct OwnerReference {
    std::string apiVersion;
    std::string kind;
    std::string name;
    std::string uid;
    std::optional<bool> controller;
    std::optional<bool> blockOwnerDeletion;

    static Result<OwnerReference> fromJson(const Json &json);
    Json toJson() const;
};

struct ObjectMeta {
    std::string name;
    std::string generateName;
    std::string namespace_; // "namespace" in JSON
    std::string uid;
    std::string resourceVersion;
    int64_t generation = 0;
    std::string creationTimestamp; // RFC 3339
    std::string deletionTimestamp;
    std::optional<int64_t> deletionGracePeriodSeconds;
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> annotations;
    std::vector<OwnerReference> ownerReferences;
    std::vector<std::string> finalizers;

    static Result<ObjectMeta> fromJson(const Json &json);
    Json toJson() const;

    // The owner reference with controller=true, or null.
    const OwnerReference *controllerRef() const;
    bool isBeingDeleted() const { return !deletionTimestamp.empty(); }
};

} // namespace cox::model
