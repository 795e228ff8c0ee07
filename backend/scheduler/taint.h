// Taints and tolerations (v1.Taint, v1.Toleration) with Kubernetes' matching rules.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <string>
#include <vector>

namespace cox::scheduler {

enum class TaintEffect { NoSchedule, PreferNoSchedule, NoExecute };

inline constexpr const char *kTaintUnschedulable = "node.kubernetes.io/unschedulable";
inline constexpr const char *kTaintNotReady = "node.kubernetes.io/not-ready";
inline constexpr const char *kTaintUnreachable = "node.kubernetes.io/unreachable";

struct Taint {
    std::string key;
    std::string value;
    TaintEffect effect = TaintEffect::NoSchedule;

    static Result<Taint> fromJson(const model::Json &json);
    // "{key: value}" as in Kubernetes' "node(s) had untolerated taint {key: value}".
    std::string describe() const;
};

struct Toleration {
    std::string key;     // empty with Exists: tolerates every taint
    bool exists = false; // operator Exists (otherwise Equal)
    std::string value;
    bool anyEffect = true; // effect "" matches every effect
    TaintEffect effect = TaintEffect::NoSchedule;

    static Result<Toleration> fromJson(const model::Json &json);
    bool tolerates(const Taint &taint) const;
};

bool toleratesTaint(const std::vector<Toleration> &tolerations, const Taint &taint);

} // namespace cox::scheduler
