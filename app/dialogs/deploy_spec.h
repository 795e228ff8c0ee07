// DeploySpec: what the deploy dialog collects, and the Deployment and Service it becomes. Kept
// apart from the dialog so the objects it produces are tested without widgets.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace cox::console {

struct DeploySpec {
    Q_DECLARE_TR_FUNCTIONS(DeploySpec)
public:
    QString ns = QStringLiteral("default");
    QString name;
    QString image;
    int replicas = 1;
    QList<int> ports;    // container ports; the Service (if any) exposes the same numbers
    QString serviceType; // "" = no Service, else ClusterIP / NodePort / LoadBalancer
    QString cpuRequest;  // Kubernetes quantities, "" = none
    QString memoryRequest;
    QList<QPair<QString, QString>> env;

    // Parses "80, 443" (commas or spaces) into ports; false and *error on a bad entry.
    static bool parsePorts(const QString &text, QList<int> *ports, QString *error);
    // Parses KEY=VALUE lines (blank lines skipped); false and *error on a line without '='.
    static bool parseEnv(const QString &text, QList<QPair<QString, QString>> *env, QString *error);

    // Empty when the spec can be submitted, else what to fix (translated, for the dialog).
    QString validate() const;
    QJsonObject deployment() const;
    QJsonObject service() const; // only meaningful when serviceType is set and ports exist
};

} // namespace cox::console
