// Snapshot: the immutable view of the cluster one scheduling cycle works on. Nodes are shared
// NodeInfo pointers, so taking a snapshot copies pointers, never pods; the name index is shared
// between snapshots until the set of nodes changes.
#pragma once

#include "scheduler/node_info.h"

#include <unordered_map>

namespace cox::scheduler {

class Snapshot {
public:
    using NodeList = std::vector<NodeInfoPtr>;
    using NameIndex = std::unordered_map<std::string, size_t>;

    Snapshot();
    Snapshot(std::shared_ptr<const NodeList> nodes, std::shared_ptr<const NameIndex> index);
    // Convenience for tests and tools: builds the index itself.
    static Snapshot fromNodes(std::vector<NodeInfo> nodes);

    size_t size() const { return m_nodes->size(); }
    const NodeInfo &node(size_t i) const { return *(*m_nodes)[i]; }
    const NodeList &nodes() const { return *m_nodes; }
    // nullptr when no node has that name.
    const NodeInfo *find(const std::string &name) const;
    // This snapshot as if pod ns/name were not on `node`: what a move or an explanation of a
    // running pod must see, so the pod does not compete with itself. Copies one NodeInfo.
    Snapshot withoutPod(const std::string &node, const std::string &ns,
                        const std::string &name) const;

private:
    std::shared_ptr<const NodeList> m_nodes;
    std::shared_ptr<const NameIndex> m_index;
};

} // namespace cox::scheduler
