// KubeconfigProbe: checks that a kubeconfig really opens a cluster before the console commits to
// it - the file parses (KubeconfigReader), and GET /version answers over TLS with the file's CA
// and token. Asynchronous: the UI stays responsive while an unreachable server times out.
#pragma once

#include "api/cluster_connection.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace cox::console {

class ApiClient;

class KubeconfigProbe : public QObject {
    Q_OBJECT
public:
    explicit KubeconfigProbe(QObject *parent = nullptr);

    // Starts checking `path`; emits exactly one of succeeded/failed (a later check() replaces
    // the one in flight, whose answer is then dropped).
    void check(const QString &path, int timeoutMs = 10'000);
    bool busy() const { return m_pending; }

signals:
    void succeeded(const cox::console::ClusterConnection &connection, const QString &version);
    void failed(const QString &message);

private:
    QPointer<ApiClient> m_client;
    int m_generation = 0;
    bool m_pending = false; // from check() until its answer is emitted
};

} // namespace cox::console
