#include "panels/deployments_panel.h"

#include "models/deployment_model.h"
#include "panels/replica_editor.h"

#include <QHeaderView>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

namespace cox::console {

DeploymentsPanel::DeploymentsPanel(DeploymentModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    m_table->setModel(model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DeploymentModel::Name, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(DeploymentModel::Replicas,
                                                      QHeaderView::Fixed);
    m_table->horizontalHeader()->resizeSection(DeploymentModel::Replicas, 104);
    m_table->verticalHeader()->setDefaultSectionSize(30);
    connect(model, &QAbstractItemModel::rowsInserted, this, &DeploymentsPanel::syncEditors);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DeploymentsPanel::syncEditors);
    connect(model, &QAbstractItemModel::modelReset, this, &DeploymentsPanel::syncEditors);
    connect(model, &QAbstractItemModel::dataChanged, this, &DeploymentsPanel::syncEditors);
    syncEditors();
}

// Index widgets follow their row on insert/remove, but rows created later need an editor and
// every editor must show the cluster's current count.
void DeploymentsPanel::syncEditors() {
    QSet<QString> live;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString key = m_model->at(row).key;
        live.insert(key);
        ReplicaEditor *editor = m_editors.value(key);
        if (!editor) {
            editor = new ReplicaEditor(key, m_table);
            m_editors.insert(key, editor);
            connect(editor, &ReplicaEditor::replicasRequested, this,
                    [this](const QString &k, int replicas) {
                        const int r = m_model->rowOf(k);
                        if (r >= 0)
                            emit scaleRequested(m_model->at(r).ns, m_model->at(r).name, replicas);
                    });
            m_table->setIndexWidget(m_model->index(row, DeploymentModel::Replicas), editor);
        }
        editor->setReplicas(m_model->at(row).specReplicas);
    }
    for (auto it = m_editors.begin(); it != m_editors.end();) {
        if (live.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->deleteLater();
        it = m_editors.erase(it);
    }
}

} // namespace cox::console
