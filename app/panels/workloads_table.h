// WorkloadsTable: the Workloads tab - a sortable, filterable table over a WorkloadListModel with
// a ReplicaEditor ("-  [N]  +") in the Replicas cell of every Deployment and StatefulSet, the
// same one-click scaling as the deployments panel. Editors follow their row through sorting and
// filtering; the count they show follows the API.
#pragma once

#include <QTableView>
#include <QTimer>

class QSortFilterProxyModel;

namespace cox::console {

class ReplicaEditor;
class WorkloadListModel;

class WorkloadsTable : public QTableView {
    Q_OBJECT
public:
    WorkloadsTable(WorkloadListModel *model, QSortFilterProxyModel *proxy,
                   QWidget *parent = nullptr);

    // The editor of a workload's row while that row is shown (key "Kind/namespace/name").
    ReplicaEditor *editor(const QString &key) const;

signals:
    void scaleRequested(const QString &kind, const QString &ns, const QString &name, int replicas);

private:
    void syncEditors();

    WorkloadListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTimer m_sync; // coalesces a burst of status updates into one pass
};

} // namespace cox::console
