// ClusterSession: one connection to one cluster - the API client, the watch caches the console
// shows (nodes, pods, deployments, pod moves) and the few writes it makes. The session is
// "connected" while every required cache reaches the server; losing any of them raises the
// banner until the caches have re-listed.
#pragma once

#include "api/api_client.h"
#include "api/cluster_connection.h"

#include <QObject>

namespace cox::console {

class WatchCache;

class ClusterSession : public QObject {
    Q_OBJECT
public:
    explicit ClusterSession(ClusterConnection connection, QObject *parent = nullptr);
    ~ClusterSession() override;

    void start();
    void stop();

    ApiClient *api() const { return m_api; }
    WatchCache *nodes() const { return m_nodes; }
    WatchCache *pods() const { return m_pods; }
    WatchCache *deployments() const { return m_deployments; }
    WatchCache *podMoves() const { return m_podMoves; }
    bool connected() const { return m_connected; }
    bool synced() const;

    // PATCH deployments/{name}/scale with {"spec":{"replicas":N}}.
    void scaleDeployment(const QString &ns, const QString &name, int replicas,
                         ApiClient::Callback done);
    // PATCH nodes/{name} spec.unschedulable (cordon / uncordon).
    void setUnschedulable(const QString &node, bool unschedulable, ApiClient::Callback done);
    // POST a SchedulingExplanation for the pod: every node's fit verdict and reasons.
    void explainPod(const QString &ns, const QString &pod, ApiClient::Callback done);
    // POST a PodMove of the pod to `targetNode`; progress arrives through podMoves().
    void movePod(const QString &ns, const QString &pod, const QString &targetNode,
                 ApiClient::Callback done);
    // POST a policy/v1 Eviction for the pod (what drain does; a PodDisruptionBudget may refuse).
    void evictPod(const QString &ns, const QString &pod, ApiClient::Callback done);
    // GET the events about one object (newest last).
    void eventsFor(const QString &ns, const QString &kind, const QString &name,
                   ApiClient::Callback done);

signals:
    void connectionChanged(bool connected, const QString &reason);
    void syncedChanged();

private:
    void cacheConnectionChanged();

    ApiClient *m_api;
    WatchCache *m_nodes;
    WatchCache *m_pods;
    WatchCache *m_deployments;
    WatchCache *m_podMoves;
    bool m_connected = true;
};

} // namespace cox::console
