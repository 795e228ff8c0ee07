#include "models/cluster_model.h"

namespace cox::console {

ClusterModel::ClusterModel(QObject *parent)
    : QObject(parent) {}

void ClusterModel::upsertNode(const NodeView &node) {
    const bool added = !m_nodes.contains(node.name);
    m_nodes.insert(node.name, node);
    emit nodeChanged(node);
    if (added)
        emit countsChanged();
}

void ClusterModel::removeNode(const QString &name) {
    if (m_nodes.remove(name) == 0)
        return;
    emit nodeRemoved(name);
    emit countsChanged();
}

void ClusterModel::upsertPod(const PodView &pod) {
    auto it = m_pods.find(pod.key);
    const bool added = it == m_pods.end();
    const bool wasPending = !added && isPending(*it);
    if (added)
        m_pods.insert(pod.key, pod);
    else
        *it = pod;
    m_pending += int(isPending(pod)) - int(wasPending);
    emit podChanged(pod);
    if (added || wasPending != isPending(pod))
        emit countsChanged();
}

void ClusterModel::removePod(const QString &key) {
    auto it = m_pods.find(key);
    if (it == m_pods.end())
        return;
    m_pending -= int(isPending(*it));
    m_pods.erase(it);
    emit podRemoved(key);
    emit countsChanged();
}

} // namespace cox::console
