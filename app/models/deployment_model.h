// DeploymentModel: a table of deployments (name, namespace, ready/desired, replicas) over the
// deployments watch cache; rows are kept sorted by key and updated in place.
#pragma once

#include "models/object_views.h"

#include <QAbstractTableModel>
#include <QVector>

namespace cox::console {

class DeploymentModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Namespace, Ready, Replicas, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, SpecReplicasRole };

    explicit DeploymentModel(QObject *parent = nullptr);

    void upsert(const DeploymentView &deployment);
    void remove(const QString &key);
    int rowOf(const QString &key) const;
    const DeploymentView &at(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<DeploymentView> m_rows;
};

} // namespace cox::console
