// EventFilterProxy: the events dock's view of an EventListModel - one namespace (or all),
// optionally Warnings only, plus the usual text filter; sorted newest first.
#pragma once

#include <QSortFilterProxyModel>

namespace cox::console {

class EventFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventFilterProxy(QObject *parent = nullptr);

    // Empty = every namespace.
    void setNamespace(const QString &ns);
    void setWarningsOnly(bool warningsOnly);
    QString namespaceFilter() const { return m_namespace; }
    bool warningsOnly() const { return m_warningsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_namespace;
    bool m_warningsOnly = false;
};

} // namespace cox::console
