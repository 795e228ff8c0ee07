// ListsPanel: nodes, pods, workloads, services and events as sortable, filterable tables (one
// tab each). Nodes and pods come from the board's ClusterModel; the others from models this
// panel owns and the main window feeds from the watch caches. Choosing a row emits what was
// chosen; the main window selects it on the board and/or in the inspector.
#pragma once

#include <QTimer>
#include <QWidget>

class QAbstractItemModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace cox::console {

class ClusterModel;
class EventListModel;
class NodeListModel;
class PodListModel;
class ServiceListModel;
class WorkloadListModel;
class WorkloadsTable;

class ListsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ListsPanel(ClusterModel *cluster, QWidget *parent = nullptr);

    QTableView *nodesTable() const { return m_nodesTable; }
    QTableView *podsTable() const { return m_podsTable; }
    WorkloadsTable *workloadsTable() const { return m_workloadsTable; }
    QTableView *servicesTable() const { return m_servicesTable; }
    QTableView *eventsTable() const { return m_eventsTable; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *filterField() const { return m_filter; }
    QSortFilterProxyModel *podsProxy() const { return m_podsProxy; }
    QSortFilterProxyModel *nodesProxy() const { return m_nodesProxy; }
    QSortFilterProxyModel *workloadsProxy() const { return m_workloadsProxy; }
    QSortFilterProxyModel *servicesProxy() const { return m_servicesProxy; }
    QSortFilterProxyModel *eventsProxy() const { return m_eventsProxy; }
    WorkloadListModel *workloadModel() const { return m_workloads; }
    ServiceListModel *serviceModel() const { return m_services; }
    EventListModel *eventModel() const { return m_events; }

signals:
    void nodeChosen(const QString &name);
    void podChosen(const QString &key);
    void workloadChosen(const QString &kind, const QString &ns, const QString &name);
    void serviceChosen(const QString &ns, const QString &name);
    // An event row: the object it is about.
    void eventObjectChosen(const QString &kind, const QString &ns, const QString &name);
    void scaleRequested(const QString &kind, const QString &ns, const QString &name, int replicas);

protected:
    void changeEvent(QEvent *event) override;

private:
    QTableView *makeTable(QSortFilterProxyModel *proxy, QTableView *table = nullptr);
    QSortFilterProxyModel *makeProxy(QAbstractItemModel *source);
    void connectChoices();
    void retranslateUi();

    NodeListModel *m_nodes;
    PodListModel *m_pods;
    WorkloadListModel *m_workloads;
    ServiceListModel *m_services;
    EventListModel *m_events;
    QSortFilterProxyModel *m_nodesProxy;
    QSortFilterProxyModel *m_podsProxy;
    QSortFilterProxyModel *m_workloadsProxy;
    QSortFilterProxyModel *m_servicesProxy;
    QSortFilterProxyModel *m_eventsProxy;
    QLineEdit *m_filter;
    QTabWidget *m_tabs;
    QTableView *m_nodesTable;
    QTableView *m_podsTable;
    WorkloadsTable *m_workloadsTable;
    QTableView *m_servicesTable;
    QTableView *m_eventsTable;
    QTimer m_ages; // ages and "last seen" are relative to now: repaint now and then
};

} // namespace cox::console
