#include "models/object_views.h"

#include "model/quantity.h"

#include <QJsonArray>

namespace cox::console {

namespace {

QJsonObject obj(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toObject();
}

QString str(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toString();
}

QHash<QString, QString> labelsOf(const QJsonObject &meta) {
    QHash<QString, QString> labels;
    const QJsonObject raw = obj(meta, "labels");
    for (auto it = raw.begin(); it != raw.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

// The deployment behind a ReplicaSet-owned pod: "web-5d8f7c" minus its pod-template-hash, so
// the colour stays the same across rollouts.
QString ownerName(const QJsonObject &meta, const QHash<QString, QString> &labels) {
    const QJsonArray owners = meta.value(QLatin1String("ownerReferences")).toArray();
    QString owner;
    for (const QJsonValue &ref : owners) {
        if (ref.toObject().value(QLatin1String("controller")).toBool() || owner.isEmpty())
            owner = str(ref.toObject(), "name");
    }
    if (owner.isEmpty())
        return str(meta, "name");
    const QString hash = labels.value(QStringLiteral("pod-template-hash"));
    if (!hash.isEmpty() && owner.endsWith(QLatin1Char('-') + hash))
        owner.chop(hash.size() + 1);
    return owner;
}

} // namespace

qint64 parseQuantityMilli(const QString &text) {
    if (text.isEmpty())
        return 0;
    auto q = model::Quantity::parse(text.toStdString());
    return q ? q->milliValue() : 0;
}

NodeView NodeView::fromJson(const QJsonObject &node) {
    NodeView v;
    const QJsonObject meta = obj(node, "metadata");
    v.name = str(meta, "name");
    v.labels = labelsOf(meta);
    static const QString rolePrefix = QStringLiteral("node-role.kubernetes.io/");
    for (auto it = v.labels.cbegin(); it != v.labels.cend(); ++it) {
        if (it.key().startsWith(rolePrefix))
            v.role = it.key().mid(rolePrefix.size());
    }
    v.unschedulable = obj(node, "spec").value(QLatin1String("unschedulable")).toBool();
    const QJsonObject status = obj(node, "status");
    for (const QJsonValue &c : status.value(QLatin1String("conditions")).toArray()) {
        if (str(c.toObject(), "type") == QLatin1String("Ready"))
            v.ready = str(c.toObject(), "status") == QLatin1String("True");
    }
    const QJsonObject alloc =
        obj(status, "allocatable").isEmpty() ? obj(status, "capacity") : obj(status, "allocatable");
    v.cpuMilli = parseQuantityMilli(str(alloc, "cpu"));
    v.memoryBytes = parseQuantityMilli(str(alloc, "memory")) / 1000;
    v.podCapacity = int(parseQuantityMilli(str(alloc, "pods")) / 1000);
    return v;
}

PodView PodView::fromJson(const QJsonObject &pod) {
    PodView v;
    const QJsonObject meta = obj(pod, "metadata");
    v.ns = str(meta, "namespace");
    v.name = str(meta, "name");
    v.key = v.ns + QLatin1Char('/') + v.name;
    v.labels = labelsOf(meta);
    v.owner = ownerName(meta, v.labels);
    v.terminating = meta.contains(QLatin1String("deletionTimestamp"));
    const QJsonObject spec = obj(pod, "spec");
    v.nodeName = str(spec, "nodeName");
    for (const QJsonValue &c : spec.value(QLatin1String("containers")).toArray()) {
        const QJsonObject requests = obj(obj(c.toObject(), "resources"), "requests");
        v.cpuMilli += parseQuantityMilli(str(requests, "cpu"));
        v.memoryBytes += parseQuantityMilli(str(requests, "memory")) / 1000;
    }
    const QJsonObject status = obj(pod, "status");
    v.phase = str(status, "phase");
    if (v.phase.isEmpty())
        v.phase = QStringLiteral("Pending");
    for (const QJsonValue &cs : status.value(QLatin1String("containerStatuses")).toArray())
        v.restarts += cs.toObject().value(QLatin1String("restartCount")).toInt();
    return v;
}

DeploymentView DeploymentView::fromJson(const QJsonObject &deployment) {
    DeploymentView v;
    const QJsonObject meta = obj(deployment, "metadata");
    v.ns = str(meta, "namespace");
    v.name = str(meta, "name");
    v.key = v.ns + QLatin1Char('/') + v.name;
    v.specReplicas = obj(deployment, "spec").value(QLatin1String("replicas")).toInt(1);
    const QJsonObject status = obj(deployment, "status");
    v.readyReplicas = status.value(QLatin1String("readyReplicas")).toInt();
    v.updatedReplicas = status.value(QLatin1String("updatedReplicas")).toInt();
    v.availableReplicas = status.value(QLatin1String("availableReplicas")).toInt();
    return v;
}

} // namespace cox::console
