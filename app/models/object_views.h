// Display views of API objects: the few fields the board draws, extracted once per watch event
// (quantities parsed here) so painting never touches JSON. Views hold names, never pointers.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace cox::console {

struct NodeView {
    QString name;
    QString role;       // from node-role.kubernetes.io/<role> labels; empty for plain workers
    bool ready = false; // Ready condition is True
    bool unschedulable = false;
    qint64 cpuMilli = 0; // allocatable
    qint64 memoryBytes = 0;
    int podCapacity = 0;
    QHash<QString, QString> labels;

    static NodeView fromJson(const QJsonObject &node);
};

struct PodView {
    QString key; // namespace/name
    QString ns;
    QString name;
    QString nodeName; // empty while pending
    QString phase;    // Pending, Running, Succeeded, Failed, Unknown
    QString owner;    // deployment (or other controller) name the colour is keyed on
    int restarts = 0;
    bool terminating = false;
    qint64 cpuMilli = 0; // requests, summed over containers
    qint64 memoryBytes = 0;
    QHash<QString, QString> labels;

    bool finished() const {
        return phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed");
    }
    static PodView fromJson(const QJsonObject &pod);
};

struct DeploymentView {
    QString key;
    QString ns;
    QString name;
    int specReplicas = 0;
    int readyReplicas = 0;
    int updatedReplicas = 0;
    int availableReplicas = 0;

    static DeploymentView fromJson(const QJsonObject &deployment);
};

// Parses a Kubernetes quantity ("500m", "1Gi") into milli-units; 0 when malformed.
qint64 parseQuantityMilli(const QString &text);

} // namespace cox::console
