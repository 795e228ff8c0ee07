// Small readers for API objects as QJsonObjects, shared by the inspection models and the
// inspector: a missing field reads as empty, numbers read as their text, and ages are shown the
// way kubectl shows them ("45s", "12m", "3h", "5d").
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace cox::console::json {

inline QJsonObject obj(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toObject();
}

inline QJsonArray arr(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toArray();
}

inline QString str(const QJsonObject &o, const char *field) {
    const QJsonValue v = o.value(QLatin1String(field));
    return v.isDouble() ? QString::number(v.toDouble()) : v.toString();
}

inline int num(const QJsonObject &o, const char *field, int fallback = 0) {
    return o.value(QLatin1String(field)).toInt(fallback);
}

// "k=v, k2=v2" for a label map or a selector's matchLabels.
inline QString joinMap(const QJsonObject &map) {
    QStringList parts;
    for (auto it = map.begin(); it != map.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toString();
    return parts.join(QStringLiteral(", "));
}

// An RFC 3339 API timestamp; invalid when absent.
inline QDateTime timestamp(const QString &text) {
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

inline QDateTime created(const QJsonObject &object) {
    return timestamp(str(obj(object, "metadata"), "creationTimestamp"));
}

// kubectl's short age: seconds up to two minutes, then minutes, hours, days.
inline QString ageText(const QDateTime &since, const QDateTime &now) {
    if (!since.isValid())
        return QStringLiteral("-");
    const qint64 s = std::max<qint64>(0, since.secsTo(now));
    if (s < 120)
        return QStringLiteral("%1s").arg(s);
    if (s < 3 * 3600)
        return QStringLiteral("%1m").arg(s / 60);
    if (s < 3 * 86400)
        return QStringLiteral("%1h").arg(s / 3600);
    return QStringLiteral("%1d").arg(s / 86400);
}

} // namespace cox::console::json
