#include "models/node_list_model.h"

#include "models/cluster_model.h"
#include "models/keyed_rows.h"

namespace cox::console {

using detail::cpuText;
using detail::memoryText;
using detail::removeKeyedRow;
using detail::upsertKeyedRow;

NodeListModel::NodeListModel(ClusterModel *cluster, QObject *parent)
    : QAbstractTableModel(parent) {
    connect(cluster, &ClusterModel::nodeChanged, this, &NodeListModel::upsert);
    connect(cluster, &ClusterModel::nodeRemoved, this, &NodeListModel::remove);
    for (const NodeView &node : cluster->nodes())
        upsert(node);
}

void NodeListModel::upsert(const NodeView &node) {
    upsertKeyedRow(
        this, m_rows, m_index, node.name, node, ColumnCount,
        [this](int row) { beginInsertRows({}, row, row); }, [this] { endInsertRows(); });
}

void NodeListModel::remove(const QString &name) {
    removeKeyedRow(
        this, m_rows, m_index, name, ColumnCount, [](const NodeView &n) { return n.name; },
        [this](int row) { beginRemoveRows({}, row, row); }, [this] { endRemoveRows(); });
}

int NodeListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NodeListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const NodeView &n = m_rows.at(index.row());
    if (role == KeyRole)
        return n.name;
    const bool sort = role == Qt::UserRole;
    if (role != Qt::DisplayRole && !sort)
        return {};
    switch (index.column()) {
    case Name:
        return n.name;
    case Status: {
        QString status = n.ready ? tr("Ready") : tr("NotReady");
        if (n.unschedulable)
            status += tr(", cordoned");
        return status;
    }
    case Role:
        return n.role.isEmpty() ? tr("worker") : n.role;
    case Cpu:
        return sort ? QVariant(n.cpuMilli) : QVariant(cpuText(n.cpuMilli));
    case Memory:
        return sort ? QVariant(n.memoryBytes) : QVariant(memoryText(n.memoryBytes));
    default:
        return {};
    }
}

QVariant NodeListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Node");
    case Status:
        return tr("Status");
    case Role:
        return tr("Role");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    default:
        return {};
    }
}

} // namespace cox::console
