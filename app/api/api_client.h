// ApiClient: asynchronous HTTPS access to the Kubernetes API with QtNetwork. Every request
// trusts only the cluster's CA and carries the bearer token. Plain requests and long-lived
// watch streams use separate QNetworkAccessManagers, because QtNetwork allows only six
// connections per host and manager and open watches must never starve a PATCH.
#pragma once

#include "api/api_response.h"
#include "api/cluster_connection.h"

#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace cox::console {

class ApiClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResponse &)>;

    explicit ApiClient(ClusterConnection connection, QObject *parent = nullptr);
    ~ApiClient() override;

    const ClusterConnection &connection() const { return m_connection; }

    // `path` is absolute and may carry a query ("/api/v1/pods?limit=500"). The callback runs on
    // this object's thread once the reply finished; it is dropped if the client is destroyed.
    void get(const QString &path, Callback done);
    void post(const QString &path, const QJsonObject &body, Callback done);
    void patch(const QString &path, const QJsonObject &body, Callback done,
               const QString &contentType = QStringLiteral("application/merge-patch+json"));

    // A streaming GET (watch). The caller owns the reply and reads it on readyRead.
    QNetworkReply *openStream(const QString &path);

private:
    QNetworkRequest makeRequest(const QString &path) const;
    void track(QNetworkReply *reply, Callback done);

    ClusterConnection m_connection;
    QSslConfiguration m_ssl;
    QNetworkAccessManager *m_requests;
    QNetworkAccessManager *m_streams;
};

} // namespace cox::console
