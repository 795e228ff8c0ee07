// ApiResponse: one finished HTTP exchange with the API server, as the UI consumes it. A
// transport failure (refused, TLS, timeout) has httpStatus 0 and a networkError text.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace cox::console {

struct ApiResponse {
    int httpStatus = 0;
    QByteArray body;
    QString networkError;

    bool ok() const { return httpStatus >= 200 && httpStatus < 300; }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    // The Kubernetes Status message when there is one, else the transport error or the code.
    QString errorMessage() const {
        const QString message = json().value(QStringLiteral("message")).toString();
        if (!message.isEmpty())
            return message;
        if (!networkError.isEmpty())
            return networkError;
        return QStringLiteral("HTTP %1").arg(httpStatus);
    }
};

} // namespace cox::console
