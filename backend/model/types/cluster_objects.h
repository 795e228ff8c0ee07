// Small cluster-level kinds: Lease (leader election, node heartbeats), Event, Namespace.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/condition.h"
#include "model/types/object_meta.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct Lease {
    ObjectMeta metadata;
    std::string holderIdentity;
    std::optional<int32_t> leaseDurationSeconds;
    std::string acquireTime; // RFC 3339 with microseconds
    std::string renewTime;
    std::optional<int32_t> leaseTransitions;
    static Result<Lease> fromJson(const Json &json);
    Json toJson() const; // apiVersion coordination.k8s.io/v1; fields under "spec"
};

struct ObjectReference {
    std::string kind;
    std::string namespace_;
    std::string name;
    std::string uid;
    std::string apiVersion;
    std::string resourceVersion;
    std::string fieldPath;
    static Result<ObjectReference> fromJson(const Json &json);
    Json toJson() const;
};

struct Event {
    ObjectMeta metadata;
    ObjectReference involvedObject;
    std::string reason;
    std::string message;
    std::string sourceComponent; // source.component
    std::string sourceHost;      // source.host
    std::string firstTimestamp;
    std::string lastTimestamp;
    int32_t count = 0;
    std::string type; // Normal, Warning
    std::string eventTime;
    std::string reportingComponent;
    std::string reportingInstance;
    std::string action;
    static Result<Event> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1
};

struct Namespace {
    ObjectMeta metadata;
    std::vector<std::string> finalizers; // spec.finalizers
    std::string phase;                   // status.phase: Active, Terminating
    std::vector<Condition> conditions;   // status.conditions
    static Result<Namespace> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1
};

} // namespace cox::model
