#include "panels/workloads_table.h"

#include "models/workload_list_model.h"
#include "panels/replica_editor.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace cox::console {

WorkloadsTable::WorkloadsTable(WorkloadListModel *model, QSortFilterProxyModel *proxy,
                               QWidget *parent)
    : QTableView(parent)
    , m_model(model)
    , m_proxy(proxy) {
    setModel(proxy); // before the header's sections exist
    m_sync.setSingleShot(true);
    m_sync.setInterval(0);
    connect(&m_sync, &QTimer::timeout, this, &WorkloadsTable::syncEditors);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy, signal, &m_sync, qOverload<>(&QTimer::start));
    connect(proxy, &QAbstractItemModel::layoutChanged, &m_sync, qOverload<>(&QTimer::start));
    connect(proxy, &QAbstractItemModel::modelReset, &m_sync, qOverload<>(&QTimer::start));
    connect(proxy, &QAbstractItemModel::dataChanged, &m_sync, qOverload<>(&QTimer::start));
    horizontalHeader()->setSectionResizeMode(WorkloadListModel::Replicas, QHeaderView::Fixed);
    horizontalHeader()->resizeSection(WorkloadListModel::Replicas, 104);
}

ReplicaEditor *WorkloadsTable::editor(const QString &key) const {
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, WorkloadListModel::Replicas);
        if (index.data(WorkloadListModel::KeyRole).toString() == key)
            return qobject_cast<ReplicaEditor *>(indexWidget(index));
    }
    return nullptr;
}

// Index widgets ride along with sorting (persistent indexes) but are dropped with rows the
// filter hides; one pass gives every shown scalable row an editor with the cluster's count.
void WorkloadsTable::syncEditors() {
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, WorkloadListModel::Replicas);
        const WorkloadView *w = m_model->find(index.data(WorkloadListModel::KeyRole).toString());
        if (!w || !w->scalable())
            continue;
        auto *editor = qobject_cast<ReplicaEditor *>(indexWidget(index));
        if (!editor || editor->key() != w->key) {
            editor = new ReplicaEditor(w->key);
            editor->setAccessibleName(tr("Replicas of %1").arg(w->name));
            connect(editor, &ReplicaEditor::replicasRequested, this,
                    [this](const QString &key, int replicas) {
                        if (const WorkloadView *v = m_model->find(key))
                            emit scaleRequested(v->kind, v->ns, v->name, replicas);
                    });
            setIndexWidget(index, editor);
        }
        editor->setReplicas(w->desired);
    }
}

} // namespace cox::console
