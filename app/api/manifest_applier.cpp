#include "api/manifest_applier.h"

#include "api/api_client.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <yaml-cpp/yaml.h>

namespace cox::console {

namespace {

// Plain scalars by the YAML 1.2 core schema; quoted ones (tag "!") stay strings.
QJsonValue scalarToJson(const YAML::Node &node) {
    const QString text = QString::fromStdString(node.Scalar());
    if (node.Tag() == "!")
        return text;
    static const QRegularExpression nullRe(QStringLiteral("^(~|null|Null|NULL)?$"));
    static const QRegularExpression boolRe(QStringLiteral("^(true|True|TRUE|false|False|FALSE)$"));
    static const QRegularExpression intRe(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression floatRe(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (nullRe.match(text).hasMatch())
        return QJsonValue::Null;
    if (boolRe.match(text).hasMatch())
        return text.at(0).toLower() == QLatin1Char('t');
    if (intRe.match(text).hasMatch())
        return QJsonValue(text.toLongLong());
    if (floatRe.match(text).hasMatch())
        return text.toDouble();
    return text;
}

QJsonValue toJson(const YAML::Node &node) {
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node)
            object.insert(QString::fromStdString(entry.first.as<std::string>()),
                          toJson(entry.second));
        return object;
    }
    default:
        return QJsonValue::Null;
    }
}

QString str(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toString();
}

QString pluralOf(const QString &kind) {
    const QString lower = kind.toLower();
    if (lower == QLatin1String("endpoints"))
        return lower;
    if (lower.endsWith(QLatin1Char('s')))
        return lower + QStringLiteral("es");
    if (lower.endsWith(QLatin1Char('y')))
        return lower.chopped(1) + QStringLiteral("ies");
    return lower + QLatin1Char('s');
}

bool clusterScoped(const QString &kind) {
    static const QSet<QString> kinds{
        QStringLiteral("Namespace"),          QStringLiteral("Node"),
        QStringLiteral("PersistentVolume"),   QStringLiteral("ClusterRole"),
        QStringLiteral("ClusterRoleBinding"), QStringLiteral("StorageClass"),
        QStringLiteral("PriorityClass"),      QStringLiteral("CustomResourceDefinition")};
    return kinds.contains(kind);
}

QString labelOf(const QJsonObject &object) {
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    const QString ns = str(meta, "namespace");
    const QString name = str(meta, "name");
    if (clusterScoped(str(object, "kind")))
        return str(object, "kind") + QLatin1Char(' ') + name;
    return str(object, "kind") + QLatin1Char(' ') +
           (ns.isEmpty() ? QStringLiteral("default") : ns) + QLatin1Char('/') + name;
}

} // namespace

std::optional<QList<QJsonObject>> ManifestApplier::parseYaml(const QByteArray &yaml,
                                                             QString *error) {
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        *error = tr("Malformed YAML: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
    QList<QJsonObject> objects;
    int index = 0;
    for (const YAML::Node &document : documents) {
        ++index;
        if (document.IsNull())
            continue; // an empty document ("---" at the end)
        const QJsonValue value = toJson(document);
        const QJsonObject object = value.toObject();
        const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
        if (!value.isObject() || str(object, "apiVersion").isEmpty() ||
            str(object, "kind").isEmpty() || str(meta, "name").isEmpty()) {
            *error = tr("Document %1 is not a Kubernetes object (apiVersion, kind and "
                        "metadata.name are required)")
                         .arg(index);
            return std::nullopt;
        }
        objects.append(object);
    }
    if (objects.isEmpty()) {
        *error = tr("The manifest holds no objects");
        return std::nullopt;
    }
    return objects;
}

QString ManifestApplier::collectionPath(const QJsonObject &object) {
    const QString apiVersion = str(object, "apiVersion");
    const QString kind = str(object, "kind");
    QString path = apiVersion.contains(QLatin1Char('/')) ? QStringLiteral("/apis/") + apiVersion
                                                         : QStringLiteral("/api/") + apiVersion;
    if (!clusterScoped(kind)) {
        QString ns = str(object.value(QLatin1String("metadata")).toObject(), "namespace");
        if (ns.isEmpty())
            ns = QStringLiteral("default");
        path += QStringLiteral("/namespaces/") + QString::fromUtf8(QUrl::toPercentEncoding(ns));
    }
    return path + QLatin1Char('/') + pluralOf(kind);
}

ManifestApplier::ManifestApplier(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api) {}

void ManifestApplier::apply(const QList<QJsonObject> &objects) {
    Q_ASSERT_X(!running(), "ManifestApplier::apply", "an apply is already running");
    m_objects = objects;
    m_next = 0;
    m_outcomes.clear();
    applyNext();
}

void ManifestApplier::applyNext() {
    if (m_next >= m_objects.size()) {
        bool allOk = true;
        for (const Outcome &o : std::as_const(m_outcomes))
            allOk = allOk && o.ok;
        emit finished(allOk);
        return;
    }
    QJsonObject object = m_objects.at(m_next);
    const QString label = labelOf(object);
    const QString collection = collectionPath(object);
    m_api->post(collection, object, [this, object, label, collection](const ApiResponse &r) {
        if (r.ok()) {
            done(label, true, tr("created"));
            return;
        }
        if (r.httpStatus != 409) {
            done(label, false, r.errorMessage());
            return;
        }
        // It exists: bring it to the document (a merge patch without the stale version).
        QJsonObject patch = object;
        QJsonObject meta = patch.value(QLatin1String("metadata")).toObject();
        meta.remove(QStringLiteral("resourceVersion"));
        patch.insert(QStringLiteral("metadata"), meta);
        const QString item = collection + QLatin1Char('/') +
                             QString::fromUtf8(QUrl::toPercentEncoding(str(meta, "name")));
        m_api->patch(item, patch, [this, label](const ApiResponse &p) {
            done(label, p.ok(), p.ok() ? tr("configured") : p.errorMessage());
        });
    });
}

void ManifestApplier::done(const QString &label, bool ok, const QString &message) {
    Outcome outcome{label, ok, message};
    m_outcomes.append(outcome);
    emit objectApplied(outcome);
    ++m_next;
    applyNext();
}

} // namespace cox::console
