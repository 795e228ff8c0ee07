// ManifestApplier: applies Kubernetes objects through the API in order, as `kubectl apply -f`
// does for a file: each object is created, and one that exists already (409) is merge-patched
// with the document. Multi-document YAML is parsed here (yaml-cpp, YAML 1.2 core schema for
// plain scalars) into the JSON the API takes. The collection path is derived from apiVersion
// and kind (the usual lower-case plural; a few cluster-scoped kinds are known).
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <optional>

namespace cox::console {

class ApiClient;

class ManifestApplier : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        QString object; // "Deployment default/web"
        bool ok = false;
        QString message; // "created", "configured", or the API's error
    };

    // Every non-empty document must be a mapping with apiVersion, kind and metadata.name.
    static std::optional<QList<QJsonObject>> parseYaml(const QByteArray &yaml, QString *error);
    // "/apis/apps/v1/namespaces/default/deployments" for an apps/v1 Deployment in default.
    static QString collectionPath(const QJsonObject &object);

    ManifestApplier(ApiClient *api, QObject *parent = nullptr);

    // Applies the objects one after another (a Namespace before what goes in it); emits
    // objectApplied per object and finished once, then stays idle. Not re-entrant.
    void apply(const QList<QJsonObject> &objects);
    const QList<Outcome> &outcomes() const { return m_outcomes; }
    bool running() const { return m_next < m_objects.size(); }

signals:
    void objectApplied(const cox::console::ManifestApplier::Outcome &outcome);
    void finished(bool allOk);

private:
    void applyNext();
    void done(const QString &label, bool ok, const QString &message);

    ApiClient *m_api;
    QList<QJsonObject> m_objects;
    qsizetype m_next = 0;
    QList<Outcome> m_outcomes;
};

} // namespace cox::console
