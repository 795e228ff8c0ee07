// PodInfo: everything the scheduler needs from a v1.Pod, parsed once when the pod enters the
// cache or the queue (requests summed, selectors compiled), then shared read-only by every
// snapshot and scheduling cycle through std::shared_ptr<const PodInfo>.
#pragma once

#include "scheduler/label_selector.h"
#include "scheduler/resources.h"
#include "scheduler/taint.h"

#include <memory>
#include <optional>

namespace cox::scheduler {

inline constexpr const char *kLabelHostname = "kubernetes.io/hostname";
inline constexpr const char *kLabelZone = "topology.kubernetes.io/zone";

struct PodAffinityTerm {
    LabelSelector selector;
    std::vector<std::string> namespaces; // empty: the pod's own namespace
    std::string topologyKey;
    int32_t weight = 0; // only for preferred terms (1..100)

    // Whether an existing pod (namespace, labels) is selected by this term of `owner`.
    bool selects(const std::string &ownerNamespace, const std::string &podNamespace,
                 const Labels &podLabels) const;
};

struct PreferredNodeTerm {
    int32_t weight = 0;
    NodeSelectorTerm term;
};

struct SpreadConstraint {
    int32_t maxSkew = 1;
    std::string topologyKey;
    bool doNotSchedule = true; // whenUnsatisfiable: DoNotSchedule (else ScheduleAnyway)
    LabelSelector selector;
};

struct HostPort {
    std::string hostIp; // "" or "0.0.0.0" means every address
    std::string protocol = "TCP";
    int32_t port = 0;

    bool conflicts(const HostPort &other) const;
};

struct PodInfo {
    std::string ns;
    std::string name;
    std::string uid;
    Labels labels;
    std::string nodeName;
    std::string schedulerName = "default-scheduler";
    int32_t priority = 0;
    // Controller owner ("ReplicaSet/<uid>"), used to spread siblings; empty when none.
    std::string ownerKey;

    Resources requests;          // effective requests (max(init), sum(containers)) + overhead
    int64_t nonZeroMilliCpu = 0; // requests with Kubernetes' scoring defaults (100m, 200Mi)
    int64_t nonZeroMemory = 0;
    std::vector<HostPort> hostPorts;
    std::vector<Toleration> tolerations;

    Labels nodeSelector;
    std::optional<std::vector<NodeSelectorTerm>> requiredNodeAffinity; // ORed terms
    std::vector<PreferredNodeTerm> preferredNodeAffinity;
    std::vector<PodAffinityTerm> requiredAffinity;
    std::vector<PodAffinityTerm> preferredAffinity;
    std::vector<PodAffinityTerm> requiredAntiAffinity;
    std::vector<PodAffinityTerm> preferredAntiAffinity;
    std::vector<SpreadConstraint> spreadConstraints;

    // Parses a v1.Pod; BadRequest when a field the scheduler relies on is malformed.
    static Result<std::shared_ptr<const PodInfo>> fromJson(const model::Json &pod);

    std::string key() const { return ns + "/" + name; }
    bool hasAffinity() const {
        return !requiredAffinity.empty() || !preferredAffinity.empty() ||
               !requiredAntiAffinity.empty() || !preferredAntiAffinity.empty();
    }

private:
    static Result<std::shared_ptr<const PodInfo>> parse(const model::Json &pod);
};

using PodInfoPtr = std::shared_ptr<const PodInfo>;

} // namespace cox::scheduler
