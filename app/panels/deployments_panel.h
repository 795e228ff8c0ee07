// DeploymentsPanel: the deployments list (name, namespace, ready, replicas) with a
// ReplicaEditor per row. Scaling leaves as a signal; the row updates when the watch does.
#pragma once

#include <QHash>
#include <QWidget>

class QTableView;

namespace cox::console {

class DeploymentModel;
class ReplicaEditor;

class DeploymentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DeploymentsPanel(DeploymentModel *model, QWidget *parent = nullptr);

    ReplicaEditor *editor(const QString &key) const { return m_editors.value(key); }
    QTableView *table() const { return m_table; }

signals:
    void scaleRequested(const QString &ns, const QString &name, int replicas);

private:
    void syncEditors();

    DeploymentModel *m_model;
    QTableView *m_table;
    QHash<QString, ReplicaEditor *> m_editors;
};

} // namespace cox::console
