#include "models/deployment_model.h"

#include <algorithm>

namespace cox::console {

DeploymentModel::DeploymentModel(QObject *parent)
    : QAbstractTableModel(parent) {}

int DeploymentModel::rowOf(const QString &key) const {
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), key,
                               [](const DeploymentView &d, const QString &k) { return d.key < k; });
    return it != m_rows.end() && it->key == key ? int(it - m_rows.begin()) : -1;
}

void DeploymentModel::upsert(const DeploymentView &deployment) {
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), deployment.key,
                               [](const DeploymentView &d, const QString &k) { return d.key < k; });
    const int row = int(it - m_rows.begin());
    if (it != m_rows.end() && it->key == deployment.key) {
        *it = deployment;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, row, row);
    m_rows.insert(row, deployment);
    endInsertRows();
}

void DeploymentModel::remove(const QString &key) {
    const int row = rowOf(key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int DeploymentModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const DeploymentView &d = m_rows.at(index.row());
    if (role == KeyRole)
        return d.key;
    if (role == SpecReplicasRole)
        return d.specReplicas;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return d.name;
    case Namespace:
        return d.ns;
    case Ready:
        return tr("%1/%2").arg(d.readyReplicas).arg(d.specReplicas);
    case Replicas:
        return d.specReplicas;
    default:
        return {};
    }
}

QVariant DeploymentModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Deployment");
    case Namespace:
        return tr("Namespace");
    case Ready:
        return tr("Ready");
    case Replicas:
        return tr("Replicas");
    default:
        return {};
    }
}

} // namespace cox::console
