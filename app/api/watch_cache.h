// WatchCache: a client-side informer for one collection ("/api/v1/pods"). Lists, then watches
// from the list's resourceVersion; re-lists on 410 Gone or a dropped stream with exponential
// back-off, and reports the difference to the previous content as upserts and removals, so
// consumers update incrementally and never rebuild from scratch.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace cox::console {

class ApiClient;

class WatchCache : public QObject {
    Q_OBJECT
public:
    WatchCache(ApiClient *api, QString collectionPath, QObject *parent = nullptr);
    ~WatchCache() override;

    // An optional collection (a newer API group) may be missing: 404 then is not a lost
    // connection, the cache just retries slowly.
    void setOptional(bool optional) { m_optional = optional; }
    void start();
    void stop();

    bool synced() const { return m_synced; }
    bool connected() const { return m_connected; }
    const QString &path() const { return m_path; }
    const QHash<QString, QJsonObject> &objects() const { return m_objects; }
    QJsonObject object(const QString &key) const { return m_objects.value(key); }

    // "namespace/name" for namespaced objects, "name" otherwise.
    static QString keyOf(const QJsonObject &object);

signals:
    void upserted(const QJsonObject &object);
    void removed(const QJsonObject &object);
    void syncedChanged(bool synced);
    void connectionChanged(bool connected, const QString &reason);

private:
    void list();
    void applyList(const QJsonObject &list);
    void watch();
    void readStream();
    void streamFinished();
    bool handleEvent(const QJsonObject &event);
    void retryLater(const QString &reason, bool connectionLost);
    void setConnected(bool connected, const QString &reason);

    ApiClient *m_api;
    QString m_path;
    QHash<QString, QJsonObject> m_objects;
    QString m_resourceVersion;
    QPointer<QNetworkReply> m_stream;
    QByteArray m_buffer;
    QTimer m_retry;
    int m_backoffMs = 0;
    quint64 m_generation = 0; // bumps on stop/restart so late replies are ignored
    bool m_running = false;
    bool m_synced = false;
    bool m_connected = true;
    bool m_optional = false;
    bool m_relistOnFinish = false;
};

} // namespace cox::console
