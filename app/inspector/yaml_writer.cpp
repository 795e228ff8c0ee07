#include "inspector/yaml_writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace cox::console {

namespace {

QString scalar(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::String: {
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z_/][A-Za-z0-9_./@ -]*$"));
        static const QRegularExpression reserved(
            QStringLiteral("^(true|false|yes|no|on|off|null|~)$"),
            QRegularExpression::CaseInsensitiveOption);
        const QString s = v.toString();
        if (plain.match(s).hasMatch() && !reserved.match(s).hasMatch() &&
            !s.endsWith(QLatin1Char(' ')))
            return s;
        // A JSON string is a valid YAML double-quoted scalar.
        QJsonArray wrap{s};
        const QString json = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
        return json.mid(1, json.size() - 2);
    }
    default:
        return {};
    }
}

bool isEmptyContainer(const QJsonValue &v) {
    return (v.isObject() && v.toObject().isEmpty()) || (v.isArray() && v.toArray().isEmpty());
}

void write(QString &out, const QJsonValue &v, int indent);

void writeEntry(QString &out, const QString &prefix, const QJsonValue &v, int indent) {
    if (isEmptyContainer(v)) {
        out += prefix + (v.isObject() ? QStringLiteral(" {}\n") : QStringLiteral(" []\n"));
    } else if (v.isObject() || v.isArray()) {
        out += prefix + QLatin1Char('\n');
        write(out, v, v.isArray() ? indent : indent + 2); // lists as kubectl writes them
    } else {
        out += prefix + QLatin1Char(' ') + scalar(v) + QLatin1Char('\n');
    }
}

void write(QString &out, const QJsonValue &v, int indent) {
    const QString pad(indent, QLatin1Char(' '));
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            writeEntry(out, pad + scalar(it.key()) + QLatin1Char(':'), it.value(), indent);
        return;
    }
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray()) {
            if (item.isObject() && !item.toObject().isEmpty()) {
                // "- key: value" then the remaining keys aligned under the first.
                QString nested;
                write(nested, item, indent + 2);
                out += pad + QStringLiteral("- ") + nested.mid(indent + 2);
            } else {
                writeEntry(out, pad + QLatin1Char('-'), item, indent);
            }
        }
        return;
    }
    out += pad + scalar(v) + QLatin1Char('\n');
}

} // namespace

QString YamlWriter::toYaml(const QJsonValue &value) {
    QString out;
    write(out, value, 0);
    return out;
}

} // namespace cox::console
