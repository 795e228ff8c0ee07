#include "api/api_client.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>

namespace cox::console {

namespace {

constexpr int kRequestTimeoutMs = 30'000;

} // namespace

ApiClient::ApiClient(ClusterConnection connection, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_requests(new QNetworkAccessManager(this))
    , m_streams(new QNetworkAccessManager(this)) {
    m_ssl = QSslConfiguration::defaultConfiguration();
    // Pinning: the cluster CA replaces the system store, so no public CA can vouch for a server.
    m_ssl.setCaCertificates(QSslCertificate::fromData(m_connection.caPem, QSsl::Pem));
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

ApiClient::~ApiClient() = default;

QNetworkRequest ApiClient::makeRequest(const QString &path) const {
    QUrl url(m_connection.server.toString(QUrl::StripTrailingSlash) + path);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_ssl);
    request.setRawHeader("Authorization", "Bearer " + m_connection.token);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return request;
}

void ApiClient::track(QNetworkReply *reply, Callback done) {
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        ApiResponse response;
        response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        if (response.httpStatus == 0)
            response.networkError = reply->errorString();
        reply->deleteLater();
        if (done)
            done(response);
    });
}

void ApiClient::get(const QString &path, Callback done) {
    QNetworkRequest request = makeRequest(path);
    request.setTransferTimeout(kRequestTimeoutMs);
    track(m_requests->get(request), std::move(done));
}

void ApiClient::post(const QString &path, const QJsonObject &body, Callback done) {
    QNetworkRequest request = makeRequest(path);
    request.setTransferTimeout(kRequestTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    track(m_requests->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)),
          std::move(done));
}

void ApiClient::patch(const QString &path, const QJsonObject &body, Callback done,
                      const QString &contentType) {
    QNetworkRequest request = makeRequest(path);
    request.setTransferTimeout(kRequestTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    track(m_requests->sendCustomRequest(request, "PATCH",
                                        QJsonDocument(body).toJson(QJsonDocument::Compact)),
          std::move(done));
}

QNetworkReply *ApiClient::openStream(const QString &path) {
    // No transfer timeout: the server sends bookmarks and closes the stream itself.
    return m_streams->get(makeRequest(path));
}

} // namespace cox::console
