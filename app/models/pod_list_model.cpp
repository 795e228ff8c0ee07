#include "models/pod_list_model.h"

#include "models/cluster_model.h"
#include "models/keyed_rows.h"

namespace cox::console {

using detail::cpuText;
using detail::removeKeyedRow;
using detail::upsertKeyedRow;

PodListModel::PodListModel(ClusterModel *cluster, QObject *parent)
    : QAbstractTableModel(parent) {
    connect(cluster, &ClusterModel::podChanged, this, &PodListModel::upsert);
    connect(cluster, &ClusterModel::podRemoved, this, &PodListModel::remove);
    for (const PodView &pod : cluster->pods())
        upsert(pod);
}

void PodListModel::upsert(const PodView &pod) {
    upsertKeyedRow(
        this, m_rows, m_index, pod.key, pod, ColumnCount,
        [this](int row) { beginInsertRows({}, row, row); }, [this] { endInsertRows(); });
}

void PodListModel::remove(const QString &key) {
    removeKeyedRow(
        this, m_rows, m_index, key, ColumnCount, [](const PodView &p) { return p.key; },
        [this](int row) { beginRemoveRows({}, row, row); }, [this] { endRemoveRows(); });
}

int PodListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PodListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PodListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PodView &p = m_rows.at(index.row());
    if (role == KeyRole)
        return p.key;
    const bool sort = role == Qt::UserRole; // raw values for numeric sorting
    if (role != Qt::DisplayRole && !sort)
        return {};
    switch (index.column()) {
    case Name:
        return p.name;
    case Namespace:
        return p.ns;
    case Node:
        return p.nodeName.isEmpty() && !sort ? tr("(pending)") : p.nodeName;
    case Phase:
        return p.terminating && !sort ? tr("Terminating") : p.phase;
    case Restarts:
        return p.restarts;
    case Cpu:
        return sort ? QVariant(p.cpuMilli) : QVariant(cpuText(p.cpuMilli));
    default:
        return {};
    }
}

QVariant PodListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Pod");
    case Namespace:
        return tr("Namespace");
    case Node:
        return tr("Node");
    case Phase:
        return tr("Phase");
    case Restarts:
        return tr("Restarts");
    case Cpu:
        return tr("CPU request");
    default:
        return {};
    }
}

} // namespace cox::console
