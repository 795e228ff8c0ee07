// PodListModel: the pods of a ClusterModel as a table for the lists dock (sorted and filtered
// by a QSortFilterProxyModel in front; Qt::UserRole gives raw values for numeric sorting).
// Updates are O(1) per pod event (keyed_rows.h), which matters with 30,000 pods.
#pragma once

#include "models/object_views.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace cox::console {

class ClusterModel;

class PodListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Namespace, Node, Phase, Restarts, Cpu, ColumnCount };
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit PodListModel(ClusterModel *cluster, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void upsert(const PodView &pod);
    void remove(const QString &key);

    QVector<PodView> m_rows;
    QHash<QString, int> m_index;
};

} // namespace cox::console
