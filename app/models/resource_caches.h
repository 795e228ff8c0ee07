// ResourceCaches: the watch caches the inspection views need beyond the session's own (services,
// endpoints, events, statefulsets, daemonsets, jobs). Discovery decides: a cache is started only
// for a resource the server lists (with list and watch) under /api/v1, /apis/apps/v1 or
// /apis/batch/v1, so a smaller API server (ours serves no StatefulSets) costs no failing
// requests. It has its own ApiClient: QtNetwork opens at most six connections per host and
// manager, the session's four watches already hold four, and a seventh watch would wait for a
// free connection forever. Our six possible watches fit in a client of their own.
#pragma once

#include "api/cluster_connection.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace cox::console {

class ApiClient;
class WatchCache;

class ResourceCaches : public QObject {
    Q_OBJECT
public:
    explicit ResourceCaches(const ClusterConnection &connection, QObject *parent = nullptr);
    ~ResourceCaches() override;

    // The resources looked for, as their plural names ("services", "statefulsets", ...).
    static const QStringList &wanted();

    void start();
    void stop();
    // The cache of a served resource; null before discovery found it or when not served.
    WatchCache *cache(const QString &resource) const { return m_caches.value(resource); }
    bool discovered() const { return m_pendingGroups == 0 && m_started; }

signals:
    // Emitted before the cache starts, so consumers see its first list as upserts.
    void cacheStarted(const QString &resource, cox::console::WatchCache *cache);
    void discoveryFinished();

private:
    void discover();
    void groupFound(const QString &groupVersionPath, const QJsonObject &resourceList);

    ApiClient *m_api;
    QHash<QString, WatchCache *> m_caches;
    QTimer m_retry;
    int m_pendingGroups = 0;
    quint64 m_generation = 0;
    bool m_started = false;
};

} // namespace cox::console
