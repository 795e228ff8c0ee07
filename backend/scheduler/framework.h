// The scheduling framework's extension points, after Kubernetes' framework/interface.go. A plugin
// implements one or more of PreFilter, Filter and Score; the Profile lists which plugins run and
// the weight of each score. Plugins are stateless and const: per-pod data lives in CycleState,
// so one plugin instance serves concurrent cycles.
#pragma once

#include "scheduler/snapshot.h"

#include <span>
#include <string_view>

namespace cox::scheduler {

inline constexpr int64_t kMaxNodeScore = 100;

// Unresolvable means no amount of preemption on that node would help (wrong label, taint).
enum class FitCode { Fits, Unschedulable, Unresolvable };

// A named rejection: `code` is a stable identifier for tools ("InsufficientResource"), `message`
// the Kubernetes text counted in FailedScheduling ("Insufficient cpu").
struct FilterReason {
    std::string code;
    std::string message;
};

struct FilterVerdict {
    FitCode code = FitCode::Fits;
    std::vector<FilterReason> reasons;

    bool fits() const { return code == FitCode::Fits; }
    static FilterVerdict fit() { return {}; }
    static FilterVerdict reject(std::string code, std::string message,
                                FitCode fit = FitCode::Unschedulable) {
        return {fit, {{std::move(code), std::move(message)}}};
    }
};

// Per-cycle data a plugin computes in PreFilter/PreScore and reads in Filter/Score.
struct StateData {
    virtual ~StateData() = default;
};

class CycleState {
public:
    void put(std::string_view key, std::unique_ptr<StateData> data);
    template<typename T>
    const T *get(std::string_view key) const {
        for (const auto &[k, v] : m_entries)
            if (k == key)
                return static_cast<const T *>(v.get());
        return nullptr;
    }

private:
    std::vector<std::pair<std::string_view, std::unique_ptr<StateData>>> m_entries;
};

class Plugin {
public:
    virtual ~Plugin() = default;
    // Stable name used by profiles, explanations and rejection records.
    virtual std::string_view name() const = 0;
};

class PreFilterPlugin : public virtual Plugin {
public:
    // Runs once per pod before any Filter. A rejection here rejects the pod on every node.
    virtual FilterVerdict preFilter(CycleState &state, const PodInfo &pod,
                                    const Snapshot &snapshot) const = 0;
};

class FilterPlugin : public virtual Plugin {
public:
    // Whether `pod` may run on `node`. Must not depend on other nodes except through `state`.
    virtual FilterVerdict filter(const CycleState &state, const PodInfo &pod,
                                 const NodeInfo &node) const = 0;
};

using NodeSpan = std::span<const NodeInfo *const>;

class ScorePlugin : public virtual Plugin {
public:
    // Runs once per pod with the feasible nodes. Returning false skips the plugin for this pod:
    // it then contributes 0 on every node (nothing to prefer, e.g. no preferred terms).
    virtual bool preScore(CycleState &, const PodInfo &, const Snapshot &, NodeSpan) const {
        return true;
    }
    // Raw score of one feasible node.
    virtual int64_t score(const CycleState &state, const PodInfo &pod,
                          const NodeInfo &node) const = 0;
    // Maps raw scores of all feasible nodes (parallel to `nodes`) onto 0..kMaxNodeScore. The
    // default leaves scores that are already in range.
    virtual void normalize(const CycleState &, const PodInfo &, NodeSpan,
                           std::span<int64_t>) const {}
};

// Helper for plugins whose raw score grows with preference: scales to 0..100 by the maximum.
void normalizeByMax(std::span<int64_t> scores, bool reverse);

} // namespace cox::scheduler
