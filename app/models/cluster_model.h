// ClusterModel: the board's model - every node and pod as a display view, fed by the watch
// caches (or directly, by the benchmark). Each change is one signal the board applies
// incrementally; counts for the status bar are kept as the views change, never recounted.
#pragma once

#include "models/object_views.h"

#include <QHash>
#include <QObject>

namespace cox::console {

class ClusterModel : public QObject {
    Q_OBJECT
public:
    explicit ClusterModel(QObject *parent = nullptr);

    void upsertNode(const NodeView &node);
    void removeNode(const QString &name);
    void upsertPod(const PodView &pod);
    void removePod(const QString &key);

    const QHash<QString, NodeView> &nodes() const { return m_nodes; }
    const QHash<QString, PodView> &pods() const { return m_pods; }
    int nodeCount() const { return int(m_nodes.size()); }
    int podCount() const { return int(m_pods.size()); }
    int pendingCount() const { return m_pending; }
    int readyNodeCount() const { return m_ready; }
    int runningPodCount() const { return m_running; }

signals:
    void nodeChanged(const cox::console::NodeView &node);
    void nodeRemoved(const QString &name);
    void podChanged(const cox::console::PodView &pod);
    void podRemoved(const QString &key);
    void countsChanged();
    // A known node's Ready condition flipped (not emitted when a node first appears).
    void nodeReadinessChanged(const QString &name, bool ready);

private:
    static bool isPending(const PodView &pod) { return pod.nodeName.isEmpty() && !pod.finished(); }

    QHash<QString, NodeView> m_nodes;
    QHash<QString, PodView> m_pods;
    static bool isRunning(const PodView &pod) { return pod.phase == QLatin1String("Running"); }

    int m_pending = 0;
    int m_ready = 0;
    int m_running = 0;
};

} // namespace cox::console
