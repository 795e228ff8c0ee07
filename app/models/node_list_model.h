// NodeListModel: the nodes of a ClusterModel as a table for the lists dock (name, status,
// role, allocatable cpu and memory; Qt::UserRole gives raw values for numeric sorting).
#pragma once

#include "models/object_views.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace cox::console {

class ClusterModel;

class NodeListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Status, Role, Cpu, Memory, ColumnCount };
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit NodeListModel(ClusterModel *cluster, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void upsert(const NodeView &node);
    void remove(const QString &name);

    QVector<NodeView> m_rows;
    QHash<QString, int> m_index;
};

} // namespace cox::console
