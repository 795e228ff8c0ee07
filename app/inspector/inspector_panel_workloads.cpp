// InspectorPanel: workloads (Deployment, StatefulSet, DaemonSet, Job) and Services, and the
// Overview's Events section every kind shows.
#include "inspector/inspector_panel.h"

#include "inspector/pod_logs_view.h"
#include "models/json_fields.h"

#include <QColor>
#include <QDateTime>
#include <QTreeWidget>

namespace cox::console {

using namespace json;

namespace {

constexpr int kEventsInOverview = 10;
const char *const kEventsSectionTag = "events";

QString replicaText(const QJsonObject &status, const char *field) {
    return QString::number(num(status, field));
}

} // namespace

void InspectorPanel::showWorkload(const QString &kind, const QJsonObject &workload,
                                  const QList<PodView> &pods) {
    showCommon(kind, workload);
    m_logs->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_logs), false);
    updateLogsActive();
    m_pods = pods;
    const QJsonObject meta = obj(workload, "metadata");
    const QJsonObject spec = obj(workload, "spec");
    const QJsonObject status = obj(workload, "status");
    QTreeWidgetItem *fields = section(tr("Fields"));
    addField(fields, tr("Namespace"), str(meta, "namespace"));
    if (kind == QLatin1String("DaemonSet")) {
        addField(fields, tr("Desired"), replicaText(status, "desiredNumberScheduled"));
        addField(fields, tr("Ready"), replicaText(status, "numberReady"));
        addField(fields, tr("Available"), replicaText(status, "numberAvailable"));
    } else if (kind == QLatin1String("Job")) {
        addField(fields, tr("Completions"), QString::number(num(spec, "completions", 1)));
        addField(fields, tr("Succeeded"), replicaText(status, "succeeded"));
        addField(fields, tr("Failed"), replicaText(status, "failed"));
        addField(fields, tr("Active"), replicaText(status, "active"));
    } else {
        addField(fields, tr("Desired"), QString::number(num(spec, "replicas", 1)));
        addField(fields, tr("Updated"), replicaText(status, "updatedReplicas"));
        addField(fields, tr("Ready"), replicaText(status, "readyReplicas"));
        addField(fields, tr("Available"), replicaText(status, "availableReplicas"));
    }
    const QJsonObject strategy =
        obj(spec, kind == QLatin1String("Deployment") ? "strategy" : "updateStrategy");
    if (!strategy.isEmpty()) {
        QString text = str(strategy, "type");
        const QJsonObject rolling = obj(strategy, "rollingUpdate");
        if (!rolling.isEmpty())
            text += QStringLiteral(" (%1)").arg(joinMap(rolling));
        addField(fields, tr("Strategy"), text);
    }
    addField(fields, tr("Selector"), joinMap(obj(obj(spec, "selector"), "matchLabels")));
    addField(fields, tr("Labels"), joinMap(obj(meta, "labels")));
    addField(fields, tr("Created"), str(meta, "creationTimestamp"));
    addConditions(arr(status, "conditions"));
    addPodsSection(pods);
    addEventsSection();
}

void InspectorPanel::addPodsSection(const QList<PodView> &pods) {
    QTreeWidgetItem *s = section(tr("Pods (%1)").arg(pods.size()));
    for (const PodView &pod : pods) {
        QString value = pod.terminating ? tr("Terminating") : pod.phase;
        value += pod.nodeName.isEmpty() ? tr(" · not scheduled") : tr(" on %1").arg(pod.nodeName);
        if (pod.restarts > 0)
            value += tr(" · %n restart(s)", nullptr, pod.restarts);
        addField(s, pod.name, value);
    }
}

void InspectorPanel::showService(const QJsonObject &service, const QJsonObject &endpoints) {
    showCommon(QStringLiteral("Service"), service);
    m_logs->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_logs), false);
    updateLogsActive();
    m_endpoints = endpoints;
    const QJsonObject meta = obj(service, "metadata");
    const QJsonObject spec = obj(service, "spec");
    QTreeWidgetItem *fields = section(tr("Fields"));
    addField(fields, tr("Namespace"), str(meta, "namespace"));
    const QString type = str(spec, "type");
    addField(fields, tr("Type"), type.isEmpty() ? QStringLiteral("ClusterIP") : type);
    QStringList ips;
    for (const QJsonValue &ip : arr(spec, "clusterIPs"))
        ips << ip.toString();
    if (ips.isEmpty() && !str(spec, "clusterIP").isEmpty())
        ips << str(spec, "clusterIP");
    addField(fields, tr("Cluster IPs"), ips.join(QStringLiteral(", ")));
    QStringList external;
    for (const QJsonValue &ip : arr(spec, "externalIPs"))
        external << ip.toString();
    for (const QJsonValue &in : arr(obj(obj(service, "status"), "loadBalancer"), "ingress"))
        external << str(in.toObject(), "ip") + str(in.toObject(), "hostname");
    if (!external.isEmpty())
        addField(fields, tr("External IPs"), external.join(QStringLiteral(", ")));
    addField(fields, tr("Selector"), joinMap(obj(spec, "selector")));
    addField(fields, tr("Session affinity"), str(spec, "sessionAffinity"));
    addField(fields, tr("Created"), str(meta, "creationTimestamp"));
    QTreeWidgetItem *ports = section(tr("Ports"));
    for (const QJsonValue &p : arr(spec, "ports")) {
        const QJsonObject port = p.toObject();
        QString value = tr("%1 → %2").arg(str(port, "port"), str(port, "targetPort"));
        if (port.contains(QLatin1String("nodePort")))
            value += tr(", node port %1").arg(str(port, "nodePort"));
        const QString protocol = str(port, "protocol");
        value += QLatin1Char('/') + (protocol.isEmpty() ? QStringLiteral("TCP") : protocol);
        addField(ports, str(port, "name").isEmpty() ? tr("(unnamed)") : str(port, "name"), value);
    }
    addEndpointsSection(endpoints);
    addEventsSection();
}

// Every address with the pod behind it (targetRef), its node and whether it takes traffic.
void InspectorPanel::addEndpointsSection(const QJsonObject &endpoints) {
    QTreeWidgetItem *s = section(tr("Endpoints"));
    int count = 0;
    for (const QJsonValue &sv : arr(endpoints, "subsets")) {
        const QJsonObject subset = sv.toObject();
        QStringList ports;
        for (const QJsonValue &p : arr(subset, "ports"))
            ports << str(p.toObject(), "port");
        for (const char *field : {"addresses", "notReadyAddresses"}) {
            const bool ready = QLatin1String(field) == QLatin1String("addresses");
            for (const QJsonValue &a : arr(subset, field)) {
                const QJsonObject address = a.toObject();
                const QString pod = str(obj(address, "targetRef"), "name");
                QString value = ready ? tr("ready") : tr("not ready");
                value += QStringLiteral(" · %1:%2")
                             .arg(str(address, "ip"), ports.join(QLatin1Char(',')));
                if (!str(address, "nodeName").isEmpty())
                    value += tr(" on %1").arg(str(address, "nodeName"));
                addField(s, pod.isEmpty() ? str(address, "ip") : pod, value);
                ++count;
            }
        }
    }
    s->setText(0, tr("Endpoints (%1)").arg(count));
    if (count == 0)
        addField(s, tr("(none)"), tr("no pod matches the selector or none is ready yet"));
}

// The newest events at the end of the Overview, replaced whenever events or the object change.
void InspectorPanel::addEventsSection() {
    for (int i = m_fields->topLevelItemCount() - 1; i >= 0; --i)
        if (m_fields->topLevelItem(i)->data(0, Qt::UserRole).toString() ==
            QLatin1String(kEventsSectionTag))
            delete m_fields->takeTopLevelItem(i);
    if (m_kind.isEmpty())
        return;
    QTreeWidgetItem *s = section(tr("Events"));
    s->setData(0, Qt::UserRole, QString::fromLatin1(kEventsSectionTag));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int shown = 0;
    for (qsizetype i = m_eventList.size() - 1; i >= 0 && shown < kEventsInOverview; --i, ++shown) {
        const QJsonObject event = m_eventList.at(i).toObject();
        const QString when = str(event, "lastTimestamp").isEmpty() ? str(event, "eventTime")
                                                                   : str(event, "lastTimestamp");
        QTreeWidgetItem *item = new QTreeWidgetItem(
            s, {tr("%1 %2").arg(str(event, "type"), str(event, "reason")),
                tr("%1 (%2 ago)").arg(str(event, "message"), ageText(timestamp(when), now))});
        item->setToolTip(1, str(event, "message"));
        if (str(event, "type") == QLatin1String("Warning"))
            item->setForeground(0, QColor(0xf0, 0xb4, 0x29));
    }
    if (shown == 0)
        addField(s, tr("(none)"), tr("no recent events"));
}

QString InspectorPanel::fieldValue(const QString &sectionTitle, const QString &field) const {
    for (int i = 0; i < m_fields->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *s = m_fields->topLevelItem(i);
        if (!s->text(0).startsWith(sectionTitle))
            continue;
        for (int c = 0; c < s->childCount(); ++c)
            if (s->child(c)->text(0) == field)
                return s->child(c)->text(1);
    }
    return {};
}

} // namespace cox::console
