// InspectorPanel: the side panel for the selected pod, node, workload (Deployment, StatefulSet,
// DaemonSet, Job) or Service - key fields, conditions, containers or pods or endpoints, recent
// events (a tab and an Overview section), a pod's logs (PodLogsView), a node's or pod's CPU and
// memory over time (UsagePanel), and the whole object as YAML. It shows what it is given; the
// main window feeds it from the watch caches (so it stays live) and the events model.
#pragma once

#include "models/object_views.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace cox::console {
class ApiClient;
class PodLogsView;
class UsagePanel;
} // namespace cox::console

namespace cox::console {

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(QWidget *parent = nullptr);

    void showPod(const QJsonObject &pod);
    void showNode(const QJsonObject &node);
    // inspector_panel_workloads.cpp. `pods` are the ones the workload's selector picks.
    void showWorkload(const QString &kind, const QJsonObject &workload, const QList<PodView> &pods);
    void showService(const QJsonObject &service, const QJsonObject &endpoints);
    void setEvents(const QJsonArray &events);
    void clear();
    // Where the Logs tab reads from (the current session's client).
    void setApi(ApiClient *api);

    // The kind ("Pod", "Node", "Deployment", "Service", ...) and the object's key
    // ("namespace/name", or the name of a node), empty when nothing is shown.
    QString shownKind() const { return m_kind; }
    QString shownKey() const { return m_key; }
    QTreeWidget *fieldsTree() const { return m_fields; }
    QTabWidget *tabs() const { return m_tabs; }
    PodLogsView *logsView() const { return m_logs; }
    UsagePanel *usagePanel() const { return m_usage; }
    QTreeWidget *eventsTree() const { return m_events; }
    // The Overview's value for `field` under `section` (tests and accessibility); empty if none.
    QString fieldValue(const QString &section, const QString &field) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateLogsActive();
    void showCommon(const QString &kind, const QJsonObject &object);
    QTreeWidgetItem *section(const QString &title);
    void addField(QTreeWidgetItem *parent, const QString &name, const QString &value);
    void addConditions(const QJsonArray &conditions);
    void addEventsSection();
    void addPodsSection(const QList<PodView> &pods);
    void addEndpointsSection(const QJsonObject &endpoints);
    void showAgain();

    QLabel *m_title;
    QTabWidget *m_tabs;
    QTreeWidget *m_fields;
    QTreeWidget *m_events;
    QPlainTextEdit *m_yaml;
    PodLogsView *m_logs;
    UsagePanel *m_usage;
    QJsonArray m_eventList;  // the shown object's events, oldest first
    QList<PodView> m_pods;   // a workload's pods, kept for a language change
    QJsonObject m_endpoints; // a service's endpoints, likewise
    QJsonObject m_object;    // shown again on a language change
    QString m_kind;
    QString m_key;
};

} // namespace cox::console
