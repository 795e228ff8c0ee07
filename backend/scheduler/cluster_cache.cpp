#include "scheduler/cluster_cache.h"

namespace cox::scheduler {

ClusterCache::ClusterCache(const Clock &clock, std::chrono::milliseconds assumeTtl)
    : m_clock(clock)
    , m_assumeTtl(assumeTtl)
    , m_list(std::make_shared<Snapshot::NodeList>())
    , m_index(std::make_shared<Snapshot::NameIndex>()) {}

Status ClusterCache::upsertNode(const model::Json &json) {
    auto node = NodeInfo::fromJson(json);
    if (!node)
        return node.status();
    upsertNode(std::move(*node));
    return Status::ok();
}

void ClusterCache::upsertNode(NodeInfo node) {
    std::lock_guard lock(m_mutex);
    std::string name = node.name();
    NodeEntry &entry = m_nodes[name];
    entry.info.setNode(node);
    entry.hasNode = true;
    markDirty(name);
}

void ClusterCache::removeNode(const std::string &name) {
    std::lock_guard lock(m_mutex);
    auto it = m_nodes.find(name);
    if (it == m_nodes.end() || !it->second.hasNode)
        return;
    dropSlot(it->second);
    m_dirty.erase(name);
    // Pods still bound there stay accounted (their deletion events follow); the node itself
    // leaves every snapshot.
    it->second.hasNode = false;
    if (it->second.info.pods().empty())
        m_nodes.erase(it);
}

Status ClusterCache::upsertPod(const model::Json &json) {
    auto pod = PodInfo::fromJson(json);
    if (!pod)
        return pod.status();
    upsertPod(std::move(*pod));
    return Status::ok();
}

void ClusterCache::upsertPod(PodInfoPtr pod) {
    std::lock_guard lock(m_mutex);
    std::string key = pod->key();
    if (pod->nodeName.empty()) {
        unplacePod(key);
        return;
    }
    std::string node = pod->nodeName;
    placePod(key, std::move(pod), node, false);
}

void ClusterCache::removePod(const std::string &ns, const std::string &name) {
    std::lock_guard lock(m_mutex);
    unplacePod(ns + "/" + name);
}

Status ClusterCache::assume(const PodInfoPtr &pod, const std::string &nodeName) {
    std::lock_guard lock(m_mutex);
    std::string key = pod->key();
    if (m_pods.count(key))
        return Status(StatusCode::Conflict, "pod " + key + " is already in the scheduler cache");
    placePod(key, pod, nodeName, true);
    return Status::ok();
}

void ClusterCache::finishBinding(const std::string &podKey) {
    std::lock_guard lock(m_mutex);
    auto it = m_pods.find(podKey);
    if (it == m_pods.end() || !it->second.assumed)
        return;
    it->second.bindingFinished = true;
    it->second.deadline = m_clock.now() + m_assumeTtl;
}

void ClusterCache::forget(const std::string &podKey) {
    std::lock_guard lock(m_mutex);
    auto it = m_pods.find(podKey);
    if (it != m_pods.end() && it->second.assumed)
        unplacePod(podKey);
}

size_t ClusterCache::expireAssumed() {
    std::lock_guard lock(m_mutex);
    WallTime now = m_clock.now();
    std::vector<std::string> expired;
    // Only assumed pods can expire: walking every pod here cost a third of the scheduler's
    // time at 10,000 pods.
    for (const auto &key : m_assumedKeys) {
        const PodEntry &entry = m_pods.at(key);
        if (entry.bindingFinished && entry.deadline <= now)
            expired.push_back(key);
    }
    for (const auto &key : expired)
        unplacePod(key);
    return expired.size();
}

Snapshot ClusterCache::snapshot() {
    std::lock_guard lock(m_mutex);
    for (const auto &name : m_dirty) {
        auto it = m_nodes.find(name);
        if (it != m_nodes.end() && it->second.hasNode)
            publishSlot(name, it->second);
    }
    m_dirty.clear();
    return Snapshot(m_list, m_index);
}

size_t ClusterCache::nodeCount() const {
    std::lock_guard lock(m_mutex);
    return m_list->size();
}

size_t ClusterCache::podCount() const {
    std::lock_guard lock(m_mutex);
    return m_pods.size();
}

bool ClusterCache::isAssumed(const std::string &podKey) const {
    std::lock_guard lock(m_mutex);
    auto it = m_pods.find(podKey);
    return it != m_pods.end() && it->second.assumed;
}

std::string ClusterCache::nodeOf(const std::string &podKey) const {
    std::lock_guard lock(m_mutex);
    auto it = m_pods.find(podKey);
    return it == m_pods.end() ? std::string() : it->second.node;
}

void ClusterCache::placePod(const std::string &key, PodInfoPtr pod, const std::string &node,
                            bool assumed) {
    unplacePod(key);
    NodeEntry &entry = m_nodes[node];
    entry.info.addPod(pod);
    markDirty(node);
    m_pods[key] = PodEntry{std::move(pod), node, assumed, false, {}};
    if (assumed)
        m_assumedKeys.insert(key);
}

void ClusterCache::unplacePod(const std::string &key) {
    auto it = m_pods.find(key);
    if (it == m_pods.end())
        return;
    auto node = m_nodes.find(it->second.node);
    if (node != m_nodes.end()) {
        node->second.info.removePod(it->second.pod->ns, it->second.pod->name);
        if (!node->second.hasNode && node->second.info.pods().empty())
            m_nodes.erase(node);
        else
            markDirty(it->second.node);
    }
    m_assumedKeys.erase(key);
    m_pods.erase(it);
}

void ClusterCache::markDirty(const std::string &node) {
    m_dirty.insert(node);
}

Snapshot::NodeList &ClusterCache::mutableList() {
    // A snapshot still in use keeps the old list; otherwise edit in place.
    if (m_list.use_count() > 1)
        m_list = std::make_shared<Snapshot::NodeList>(*m_list);
    return *m_list;
}

Snapshot::NameIndex &ClusterCache::mutableIndex() {
    if (m_index.use_count() > 1)
        m_index = std::make_shared<Snapshot::NameIndex>(*m_index);
    return *m_index;
}

void ClusterCache::publishSlot(const std::string &name, NodeEntry &entry) {
    auto published = std::make_shared<const NodeInfo>(entry.info);
    Snapshot::NodeList &list = mutableList();
    if (entry.slot == SIZE_MAX) {
        entry.slot = list.size();
        list.push_back(std::move(published));
        mutableIndex()[name] = entry.slot;
        return;
    }
    list[entry.slot] = std::move(published);
}

void ClusterCache::dropSlot(NodeEntry &entry) {
    if (entry.slot == SIZE_MAX)
        return;
    Snapshot::NodeList &list = mutableList();
    Snapshot::NameIndex &index = mutableIndex();
    size_t slot = entry.slot;
    index.erase(list[slot]->name());
    if (slot + 1 != list.size()) {
        // Move the last node into the hole and repoint its entry and index.
        list[slot] = std::move(list.back());
        const std::string &moved = list[slot]->name();
        index[moved] = slot;
        m_nodes[moved].slot = slot;
    }
    list.pop_back();
    entry.slot = SIZE_MAX;
}

} // namespace cox::scheduler
