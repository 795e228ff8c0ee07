#include "welcome/kubeconfig_probe.h"

#include "api/api_client.h"
#include "api/kubeconfig_reader.h"

#include <QTimer>

namespace cox::console {

KubeconfigProbe::KubeconfigProbe(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<ClusterConnection>();
}

void KubeconfigProbe::check(const QString &path, int timeoutMs) {
    if (m_client)
        m_client->deleteLater(); // drops the answer in flight with it
    const int generation = ++m_generation;
    m_pending = true;
    QString error;
    const auto connection = KubeconfigReader::readFile(path, &error);
    if (!connection) {
        QTimer::singleShot(0, this, [this, error, generation] {
            if (generation != m_generation)
                return;
            m_pending = false;
            emit failed(error);
        });
        return;
    }
    m_client = new ApiClient(*connection, this);
    const QString server = connection->server.toString();
    auto finish = [this, generation](ApiClient *client) {
        if (generation != m_generation || client != m_client)
            return false;
        m_client = nullptr;
        m_pending = false;
        client->deleteLater();
        return true;
    };
    ApiClient *client = m_client;
    QTimer::singleShot(timeoutMs, client, [this, client, finish, server] {
        if (finish(client))
            emit failed(tr("%1 did not answer in time").arg(server));
    });
    // /version proves the server and its certificate; a list proves the token (401 = refused;
    // 403 is a valid user without that right, which a read-only kubeconfig may well be).
    client->get(QStringLiteral("/version"), [this, client, finish, server,
                                             c = *connection](const ApiResponse &version) {
        if (!version.ok()) {
            if (finish(client))
                emit failed(tr("%1 could not be reached: %2").arg(server, version.errorMessage()));
            return;
        }
        const QString gitVersion = version.json().value(QStringLiteral("gitVersion")).toString();
        client->get(QStringLiteral("/api/v1/nodes?limit=1"),
                    [this, client, finish, server, c, gitVersion](const ApiResponse &r) {
                        if (!finish(client))
                            return;
                        if (r.httpStatus == 401 || r.httpStatus == 0)
                            emit failed(tr("%1 refused the kubeconfig's credentials: %2")
                                            .arg(server, r.errorMessage()));
                        else
                            emit succeeded(c, gitVersion);
                    });
    });
}

} // namespace cox::console
