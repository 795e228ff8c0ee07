// NodeInfo: one node as a scheduling cycle sees it - the parsed Node plus the pods bound (or
// assumed) to it and aggregates precomputed from them (requested resources, host ports in use,
// pods carrying affinity terms). Immutable once published in a Snapshot; the ClusterCache builds
// a new NodeInfo when the node or its pods change (copy-on-write).
#pragma once

#include "scheduler/pod_info.h"

namespace cox::scheduler {

class NodeInfo {
public:
    // Parses a v1.Node. A Ready condition that is False or Unknown without the matching taint
    // gets the node.kubernetes.io/not-ready or /unreachable NoSchedule taint, as the node
    // lifecycle controller would add, so a freshly failed node is avoided at once.
    static Result<NodeInfo> fromJson(const model::Json &node);

    const std::string &name() const { return m_name; }
    const Labels &labels() const { return m_labels; }
    const std::string *label(std::string_view key) const;
    const std::vector<Taint> &taints() const { return m_taints; }
    bool unschedulable() const { return m_unschedulable; }
    const Resources &allocatable() const { return m_allocatable; }

    const std::vector<PodInfoPtr> &pods() const { return m_pods; }
    const Resources &requested() const { return m_requested; }
    int64_t nonZeroMilliCpu() const { return m_nonZeroMilliCpu; }
    int64_t nonZeroMemory() const { return m_nonZeroMemory; }
    const std::vector<HostPort> &usedPorts() const { return m_usedPorts; }
    int podsWithAffinity() const { return m_podsWithAffinity; }
    int podsWithRequiredAntiAffinity() const { return m_podsWithRequiredAnti; }

    void addPod(PodInfoPtr pod);
    // Returns false when no pod with that key is on the node.
    bool removePod(const std::string &ns, const std::string &name);
    // Replaces the node object while keeping its pods (a Node update).
    void setNode(const NodeInfo &fresh);

private:
    static Result<NodeInfo> parse(const model::Json &node);
    void account(const PodInfo &pod, int sign);

    std::string m_name;
    Labels m_labels;
    std::vector<Taint> m_taints;
    bool m_unschedulable = false;
    Resources m_allocatable;

    std::vector<PodInfoPtr> m_pods;
    Resources m_requested;
    int64_t m_nonZeroMilliCpu = 0;
    int64_t m_nonZeroMemory = 0;
    std::vector<HostPort> m_usedPorts;
    int m_podsWithAffinity = 0;
    int m_podsWithRequiredAnti = 0;
};

using NodeInfoPtr = std::shared_ptr<const NodeInfo>;

} // namespace cox::scheduler
