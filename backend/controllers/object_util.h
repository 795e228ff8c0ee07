// Small read-only accessors over API objects (JSON) that every controller needs: keys, metadata,
// owner references, pod readiness, IntOrString. Typed views live in backend/model; these helpers
// keep the controllers independent of how far those have come and never mutate their input.
#pragma once

#include "apiserver/resource_service.h"
#include "common/clock.h"
#include "model/json.h"
#include "model/resource_type.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cox::controllers {

using Json = model::Json;

// "ns/name" for namespaced objects, "name" otherwise (the work queue key).
std::string objectKey(const Json &object);
std::pair<std::string, std::string> splitKey(const std::string &key);

std::string metaString(const Json &object, const char *field);
// metadata.labels / annotations as an object (an empty object when absent).
const Json &labelsOf(const Json &object);
const Json &annotationsOf(const Json &object);
std::string annotation(const Json &object, const std::string &name);
int64_t generationOf(const Json &object);
bool isTerminating(const Json &object);
std::optional<WallTime> timeField(const Json &object, const char *field);

// The ownerReferences array (empty array when absent) and the one with controller=true.
const Json &ownerRefsOf(const Json &object);
const Json *controllerRefOf(const Json &object);
Json makeOwnerRef(const Json &owner, bool controller, bool blockOwnerDeletion);

// A nested field or `fallback` when any step is missing or of another type.
const Json &at(const Json &object, std::initializer_list<const char *> path);
int64_t intAt(const Json &object, std::initializer_list<const char *> path, int64_t fallback);
std::string stringAt(const Json &object, std::initializer_list<const char *> path);

// Pods.
std::string podPhase(const Json &pod);
bool isPodActive(const Json &pod); // not finished and not terminating
bool isPodReady(const Json &pod);
// Ready for at least minReadySeconds at `now`.
bool isPodAvailable(const Json &pod, int64_t minReadySeconds, WallTime now);
std::optional<WallTime> podReadySince(const Json &pod);

// IntOrString ("25%" or 3) against `total`; percentages round up or down as asked.
int resolveIntOrPercent(const Json &value, int total, bool roundUp, int fallback);

// FNV-1a of the JSON text, in Kubernetes' "safe" alphabet (no vowels), as pod-template-hash.
std::string hashOf(const Json &value);

// The identity controllers use when calling the API.
apiserver::CallContext controllerContext();
const model::ResourceType &resourceType(const char *group, const char *plural);

} // namespace cox::controllers
