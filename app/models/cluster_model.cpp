#include "models/cluster_model.h"

namespace cox::console {

ClusterModel::ClusterModel(QObject *parent)
    : QObject(parent) {}

void ClusterModel::upsertNode(const NodeView &node) {
    auto it = m_nodes.find(node.name);
    const bool added = it == m_nodes.end();
    const bool wasReady = !added && it->ready;
    if (added)
        m_nodes.insert(node.name, node);
    else
        *it = node;
    m_ready += int(node.ready) - int(wasReady);
    emit nodeChanged(node);
    if (!added && wasReady != node.ready)
        emit nodeReadinessChanged(node.name, node.ready);
    if (added || wasReady != node.ready)
        emit countsChanged();
}

void ClusterModel::removeNode(const QString &name) {
    auto it = m_nodes.find(name);
    if (it == m_nodes.end())
        return;
    m_ready -= int(it->ready);
    m_nodes.erase(it);
    emit nodeRemoved(name);
    emit countsChanged();
}

void ClusterModel::upsertPod(const PodView &pod) {
    auto it = m_pods.find(pod.key);
    const bool added = it == m_pods.end();
    const bool wasPending = !added && isPending(*it);
    const bool wasRunning = !added && isRunning(*it);
    if (added)
        m_pods.insert(pod.key, pod);
    else
        *it = pod;
    m_pending += int(isPending(pod)) - int(wasPending);
    m_running += int(isRunning(pod)) - int(wasRunning);
    emit podChanged(pod);
    if (added || wasPending != isPending(pod) || wasRunning != isRunning(pod))
        emit countsChanged();
}

void ClusterModel::removePod(const QString &key) {
    auto it = m_pods.find(key);
    if (it == m_pods.end())
        return;
    m_pending -= int(isPending(*it));
    m_running -= int(isRunning(*it));
    m_pods.erase(it);
    emit podRemoved(key);
    emit countsChanged();
}

} // namespace cox::console
