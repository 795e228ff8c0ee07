#include "models/event_filter_proxy.h"

#include "models/event_list_model.h"

namespace cox::console {

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(Qt::UserRole);
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void EventFilterProxy::setNamespace(const QString &ns) {
    if (ns == m_namespace)
        return;
    m_namespace = ns;
    invalidateRowsFilter();
}

void EventFilterProxy::setWarningsOnly(bool warningsOnly) {
    if (warningsOnly == m_warningsOnly)
        return;
    m_warningsOnly = warningsOnly;
    invalidateRowsFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_warningsOnly &&
        index.data(EventListModel::TypeRole).toString() != QLatin1String("Warning"))
        return false;
    if (!m_namespace.isEmpty() &&
        index.data(EventListModel::NamespaceRole).toString() != m_namespace)
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace cox::console
