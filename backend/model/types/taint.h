// Taint (on a Node) and Toleration (on a Pod), with Kubernetes' toleration matching rules.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct Taint {
    std::string key;
    std::string value;
    std::string effect; // "NoSchedule", "PreferNoSchedule", "NoExecute"
    std::string timeAdded;

    static Result<Taint> fromJson(const Json &json);
    Json toJson() const;
};

struct Toleration {
    std::string key;
    std::string operator_; // "Equal" (also when empty) or "Exists"
    std::string value;
    std::string effect; // empty matches every effect
    std::optional<int64_t> tolerationSeconds;

    static Result<Toleration> fromJson(const Json &json);
    Json toJson() const;

    // Kubernetes' ToleratesTaint: effect must match unless empty, key must match unless empty
    // (an empty key with "Exists" tolerates everything), then Exists matches any value and
    // Equal compares values.
    bool tolerates(const Taint &taint) const;
};

// True when some toleration tolerates the taint.
bool toleratesTaint(const std::vector<Toleration> &tolerations, const Taint &taint);

} // namespace cox::model
