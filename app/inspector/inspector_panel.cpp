#include "inspector/inspector_panel.h"

#include "charts/usage_panel.h"
#include "inspector/pod_logs_view.h"
#include "inspector/yaml_writer.h"

#include <QEvent>

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cox::console {

namespace {

QJsonObject obj(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toObject();
}

QString str(const QJsonObject &o, const char *field) {
    const QJsonValue v = o.value(QLatin1String(field));
    return v.isDouble() ? QString::number(v.toDouble()) : v.toString();
}

QString joinMap(const QJsonObject &map) {
    QStringList parts;
    for (auto it = map.begin(); it != map.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toString();
    return parts.join(QStringLiteral(", "));
}

QString kindLabel(const QString &kind) {
    if (kind == QLatin1String("Pod"))
        return InspectorPanel::tr("Pod");
    if (kind == QLatin1String("Node"))
        return InspectorPanel::tr("Node");
    if (kind == QLatin1String("Deployment"))
        return InspectorPanel::tr("Deployment");
    if (kind == QLatin1String("Service"))
        return InspectorPanel::tr("Service");
    return kind; // StatefulSet, DaemonSet, Job: API kind names
}

} // namespace

InspectorPanel::InspectorPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_fields(new QTreeWidget(this))
    , m_events(new QTreeWidget(this))
    , m_yaml(new QPlainTextEdit(this))
    , m_logs(new PodLogsView(this))
    , m_usage(new UsagePanel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs);
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_events->setRootIsDecorated(false);
    m_yaml->setReadOnly(true);
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_fields, QString());
    m_tabs->addTab(m_events, QString());
    m_tabs->addTab(m_usage, QString());
    m_tabs->addTab(m_logs, QString());
    m_tabs->addTab(m_yaml, QString());
    m_tabs->setTabVisible(m_tabs->indexOf(m_logs), false);
    connect(m_tabs, &QTabWidget::currentChanged, this, &InspectorPanel::updateLogsActive);
    retranslateUi();
    clear();
}

void InspectorPanel::retranslateUi() {
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_events->setHeaderLabels({tr("Type"), tr("Reason"), tr("Message")});
    m_tabs->setTabText(m_tabs->indexOf(m_fields), tr("Overview"));
    m_tabs->setTabText(m_tabs->indexOf(m_usage), tr("Usage"));
    m_tabs->setTabText(m_tabs->indexOf(m_events), tr("Events"));
    m_tabs->setAccessibleName(tr("Inspector"));
    m_fields->setAccessibleName(tr("Overview of the selected object"));
    m_events->setAccessibleName(tr("Events about the selected object"));
    m_tabs->setTabText(m_tabs->indexOf(m_logs), tr("Logs"));
    m_tabs->setTabText(m_tabs->indexOf(m_yaml), tr("YAML"));
}

// A language switch re-labels the tabs and rebuilds the field names of the shown object.
void InspectorPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        showAgain();
    }
    QWidget::changeEvent(event);
}

void InspectorPanel::showAgain() {
    if (m_kind == QLatin1String("Pod"))
        showPod(m_object);
    else if (m_kind == QLatin1String("Node"))
        showNode(m_object);
    else if (m_kind == QLatin1String("Service"))
        showService(m_object, m_endpoints);
    else if (!m_kind.isEmpty())
        showWorkload(m_kind, m_object, m_pods);
    else
        clear();
}

void InspectorPanel::setApi(ApiClient *api) {
    m_logs->setApi(api);
    m_usage->setApi(api);
}

// Logs stream only while their tab is in front.
void InspectorPanel::updateLogsActive() {
    m_logs->setActive(m_kind == QLatin1String("Pod") && m_tabs->currentWidget() == m_logs);
}

void InspectorPanel::clear() {
    m_kind.clear();
    m_key.clear();
    m_title->setText(tr("Select a pod or a node on the board, or a row in the lists"));
    m_fields->clear();
    m_events->clear();
    m_eventList = {};
    m_pods.clear();
    m_endpoints = {};
    m_usage->stop();
    m_tabs->setTabVisible(m_tabs->indexOf(m_usage), false);
    m_yaml->clear();
    m_object = {};
    m_logs->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_logs), false);
    updateLogsActive();
}

QTreeWidgetItem *InspectorPanel::section(const QString &title) {
    auto *item = new QTreeWidgetItem(m_fields, {title});
    QFont f = item->font(0);
    f.setBold(true);
    item->setFont(0, f);
    item->setExpanded(true);
    return item;
}

void InspectorPanel::addField(QTreeWidgetItem *parent, const QString &name, const QString &value) {
    auto *item = new QTreeWidgetItem(parent, {name, value});
    item->setToolTip(1, value);
}

void InspectorPanel::showCommon(const QString &kind, const QJsonObject &object) {
    const QJsonObject meta = obj(object, "metadata");
    const QString ns = str(meta, "namespace");
    const QString name = str(meta, "name");
    const QString key = ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
    if (key != m_key || kind != m_kind) {
        m_events->clear();
        m_eventList = {};
    }
    m_kind = kind;
    m_key = key;
    m_title->setText(tr("%1 %2").arg(kindLabel(kind), key));
    const bool usage = kind == QLatin1String("Pod") || kind == QLatin1String("Node");
    m_tabs->setTabVisible(m_tabs->indexOf(m_usage), usage);
    if (!usage)
        m_usage->stop();
    m_object = object;
    m_fields->clear();
    m_yaml->setPlainText(YamlWriter::toYaml(object));
}

void InspectorPanel::addConditions(const QJsonArray &conditions) {
    QTreeWidgetItem *s = section(tr("Conditions"));
    for (const QJsonValue &c : conditions) {
        const QJsonObject cond = c.toObject();
        QString value = str(cond, "status");
        if (!str(cond, "reason").isEmpty())
            value += QStringLiteral(" (%1)").arg(str(cond, "reason"));
        if (!str(cond, "message").isEmpty())
            value += QStringLiteral(": ") + str(cond, "message");
        addField(s, str(cond, "type"), value);
    }
}

void InspectorPanel::showPod(const QJsonObject &pod) {
    showCommon(QStringLiteral("Pod"), pod);
    m_tabs->setTabVisible(m_tabs->indexOf(m_logs), true);
    m_logs->setPod(pod);
    updateLogsActive();
    const QJsonObject meta = obj(pod, "metadata");
    const QJsonObject spec = obj(pod, "spec");
    const QJsonObject status = obj(pod, "status");
    QTreeWidgetItem *fields = section(tr("Fields"));
    addField(fields, tr("Namespace"), str(meta, "namespace"));
    addField(fields, tr("Node"),
             spec.contains(QLatin1String("nodeName")) ? str(spec, "nodeName") : tr("(pending)"));
    addField(fields, tr("Phase"), str(status, "phase"));
    addField(fields, tr("Pod IP"), str(status, "podIP"));
    addField(fields, tr("Labels"), joinMap(obj(meta, "labels")));
    addField(fields, tr("Created"), str(meta, "creationTimestamp"));
    addConditions(status.value(QLatin1String("conditions")).toArray());
    QTreeWidgetItem *containers = section(tr("Containers"));
    for (const QJsonValue &c : spec.value(QLatin1String("containers")).toArray()) {
        const QJsonObject container = c.toObject();
        const QJsonObject requests = obj(obj(container, "resources"), "requests");
        addField(containers, str(container, "name"),
                 tr("%1 · requests %2").arg(str(container, "image"), joinMap(requests)));
    }
    m_usage->showPod(str(meta, "namespace"), str(meta, "name"), pod);
    addEventsSection();
}

void InspectorPanel::showNode(const QJsonObject &node) {
    showCommon(QStringLiteral("Node"), node);
    m_logs->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_logs), false);
    updateLogsActive();
    const QJsonObject meta = obj(node, "metadata");
    const QJsonObject spec = obj(node, "spec");
    const QJsonObject status = obj(node, "status");
    QTreeWidgetItem *fields = section(tr("Fields"));
    addField(fields, tr("Schedulable"),
             spec.value(QLatin1String("unschedulable")).toBool() ? tr("no (cordoned)") : tr("yes"));
    addField(fields, tr("Allocatable"), joinMap(obj(status, "allocatable")));
    addField(fields, tr("Capacity"), joinMap(obj(status, "capacity")));
    addField(fields, tr("Labels"), joinMap(obj(meta, "labels")));
    const QJsonObject info = obj(status, "nodeInfo");
    addField(fields, tr("Kubelet"), str(info, "kubeletVersion"));
    addConditions(status.value(QLatin1String("conditions")).toArray());
    m_usage->showNode(str(meta, "name"), node);
    addEventsSection();
}

void InspectorPanel::setEvents(const QJsonArray &events) {
    m_eventList = events;
    addEventsSection();
    m_events->clear();
    for (const QJsonValue &e : events) {
        const QJsonObject event = e.toObject();
        auto *item = new QTreeWidgetItem(
            m_events, {str(event, "type"), str(event, "reason"), str(event, "message")});
        item->setToolTip(2, str(event, "message"));
    }
}

} // namespace cox::console
