// EmbeddedCluster: hosts a control plane inside the console process. Starting it (PKI, store
// recovery, bind) can take seconds, so it runs on a worker thread and reports back with a
// queued signal; the UI then reaches the cluster through HTTPS like any remote one.
#pragma once

#include "api/cluster_connection.h"

#include <QObject>
#include <QString>

#include <memory>
#include <thread>

namespace cox::controlplane {
class ControlPlane;
}

namespace cox::console {

class EmbeddedCluster : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedCluster(QObject *parent = nullptr);
    ~EmbeddedCluster() override; // stops the control plane (blocks until it has)

    // <XDG data dir>/coxswain/cluster.
    static QString defaultDataDir();

    // Starts on `port` (6443), falling back to an ephemeral port when that one is taken.
    void start(const QString &dataDir, quint16 port = 6443);
    // The address to serve on, for the next start(): 0.0.0.0 by default, so other machines can
    // join; tests keep to 127.0.0.1.
    void setListenHost(const QString &host) { m_listenHost = host; }
    void stop();
    bool running() const { return m_plane != nullptr; }
    quint16 port() const;

signals:
    void started(const cox::console::ClusterConnection &connection);
    void failed(const QString &reason);

private:
    void finishStart(std::shared_ptr<void> result);

    QString m_listenHost = QStringLiteral("0.0.0.0");
    std::thread m_worker;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
};

} // namespace cox::console
