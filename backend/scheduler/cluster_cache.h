// ClusterCache: the scheduler's picture of nodes and bound pods, fed by add/update/remove calls
// (the control plane wires them to API watches) plus "assumed" pods - pods the scheduler has
// bound optimistically before the API confirms them, so the next cycle already counts their
// resources. An assumed pod whose binding finished but which no watch event confirmed within
// the TTL is dropped by expireAssumed().
//
// snapshot() is cheap: each node is published as a shared immutable NodeInfo, only nodes that
// changed since the last snapshot are copied, and the node list is shared with the previous
// snapshot unless that one is still held (copy-on-write).
//
// Thread-safe: every method takes the cache's mutex.
#pragma once

#include "common/clock.h"
#include "scheduler/snapshot.h"

#include <mutex>
#include <set>

namespace cox::scheduler {

class ClusterCache {
public:
    explicit ClusterCache(const Clock &clock = SystemClock::instance(),
                          std::chrono::milliseconds assumeTtl = std::chrono::seconds(30));

    // Node add and update are the same upsert; pods already counted on the node stay.
    Status upsertNode(const model::Json &node);
    void upsertNode(NodeInfo node);
    void removeNode(const std::string &name);

    // A pod seen through the API. Pods without spec.nodeName are not the cache's business and
    // are dropped from it (the queue holds them); a pod matching an assumed one confirms it.
    Status upsertPod(const model::Json &pod);
    void upsertPod(PodInfoPtr pod);
    void removePod(const std::string &ns, const std::string &name);

    // Counts `pod` on `nodeName` before the binding is confirmed. Conflict when the pod is
    // already in the cache.
    Status assume(const PodInfoPtr &pod, const std::string &nodeName);
    // The binding call returned: the assumed pod now expires after the TTL unless confirmed.
    void finishBinding(const std::string &podKey);
    // The binding failed: take the assumed pod out again.
    void forget(const std::string &podKey);
    // Drops assumed pods past their deadline; returns how many.
    size_t expireAssumed();

    Snapshot snapshot();

    size_t nodeCount() const;
    size_t podCount() const;
    bool isAssumed(const std::string &podKey) const;
    // Node the cache has the pod on; "" when unknown.
    std::string nodeOf(const std::string &podKey) const;

private:
    struct NodeEntry {
        NodeInfo info;
        bool hasNode = false; // false: only pods reference it, no Node object yet
        size_t slot = SIZE_MAX;
    };
    struct PodEntry {
        PodInfoPtr pod;
        std::string node;
        bool assumed = false;
        bool bindingFinished = false;
        WallTime deadline{};
    };

    void placePod(const std::string &key, PodInfoPtr pod, const std::string &node, bool assumed);
    void unplacePod(const std::string &key);
    void markDirty(const std::string &node);
    void publishSlot(const std::string &name, NodeEntry &entry);
    void dropSlot(NodeEntry &entry);
    Snapshot::NodeList &mutableList();
    Snapshot::NameIndex &mutableIndex();

    const Clock &m_clock;
    const std::chrono::milliseconds m_assumeTtl;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, NodeEntry> m_nodes;
    std::unordered_map<std::string, PodEntry> m_pods;
    std::set<std::string> m_assumedKeys; // the pods of m_pods with assumed == true
    std::set<std::string> m_dirty;
    std::shared_ptr<Snapshot::NodeList> m_list;
    std::shared_ptr<Snapshot::NameIndex> m_index;
};

} // namespace cox::scheduler
