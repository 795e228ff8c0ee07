// Small helpers over an object's metadata and the kind-specific fields the API server sets itself
// (uids, generated names, timestamps, generation, pod QoS class).
#pragma once

#include "model/json.h"
#include "model/resource_type.h"

#include <string>

namespace cox::apiserver {

using Json = model::Json;

// A random RFC 4122 version-4 UUID.
std::string newUid();
// `prefix` + 5 random characters from Kubernetes' generateName alphabet.
std::string generateName(const std::string &prefix);

// metadata.<field> as a string; "" when absent or not a string.
std::string metaString(const Json &object, const char *field);
Json &metadataOf(Json &object);

// True when the kind carries a spec (and so a metadata.generation).
bool hasSpec(const model::ResourceType &type, const Json &object);
// True when anything but metadata and status differs: the change bumps metadata.generation.
bool specChanged(const Json &updated, const Json &old);

// Kubernetes' pod QoS class: Guaranteed, Burstable or BestEffort.
std::string podQosClass(const Json &pod);

} // namespace cox::apiserver
