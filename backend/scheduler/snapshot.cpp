#include "scheduler/snapshot.h"

namespace cox::scheduler {

Snapshot::Snapshot()
    : m_nodes(std::make_shared<const NodeList>())
    , m_index(std::make_shared<const NameIndex>()) {}

Snapshot::Snapshot(std::shared_ptr<const NodeList> nodes, std::shared_ptr<const NameIndex> index)
    : m_nodes(std::move(nodes))
    , m_index(std::move(index)) {}

Snapshot Snapshot::fromNodes(std::vector<NodeInfo> nodes) {
    auto list = std::make_shared<NodeList>();
    auto index = std::make_shared<NameIndex>();
    for (auto &node : nodes) {
        index->emplace(node.name(), list->size());
        list->push_back(std::make_shared<const NodeInfo>(std::move(node)));
    }
    return Snapshot(std::move(list), std::move(index));
}

const NodeInfo *Snapshot::find(const std::string &name) const {
    auto it = m_index->find(name);
    return it == m_index->end() ? nullptr : (*m_nodes)[it->second].get();
}

Snapshot Snapshot::withoutPod(const std::string &node, const std::string &ns,
                              const std::string &name) const {
    auto it = m_index->find(node);
    if (it == m_index->end())
        return *this;
    NodeInfo copy = *(*m_nodes)[it->second];
    if (!copy.removePod(ns, name))
        return *this;
    auto list = std::make_shared<NodeList>(*m_nodes);
    (*list)[it->second] = std::make_shared<const NodeInfo>(std::move(copy));
    return Snapshot(std::move(list), m_index);
}

} // namespace cox::scheduler
