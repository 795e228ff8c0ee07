// ListsPanel: nodes and pods as sortable, filterable tables (one tab each), over the same
// ClusterModel as the board. Choosing a row selects that node or pod on the board, which
// shows it in the inspector.
#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace cox::console {

class ClusterModel;
class NodeListModel;
class PodListModel;

class ListsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ListsPanel(ClusterModel *cluster, QWidget *parent = nullptr);

    QTableView *nodesTable() const { return m_nodesTable; }
    QTableView *podsTable() const { return m_podsTable; }
    QLineEdit *filterField() const { return m_filter; }
    QSortFilterProxyModel *podsProxy() const { return m_podsProxy; }
    QSortFilterProxyModel *nodesProxy() const { return m_nodesProxy; }

signals:
    void nodeChosen(const QString &name);
    void podChosen(const QString &key);

protected:
    void changeEvent(QEvent *event) override;

private:
    QTableView *makeTable(QSortFilterProxyModel *proxy);
    void retranslateUi();

    NodeListModel *m_nodes;
    PodListModel *m_pods;
    QSortFilterProxyModel *m_nodesProxy;
    QSortFilterProxyModel *m_podsProxy;
    QLineEdit *m_filter;
    QTabWidget *m_tabs;
    QTableView *m_nodesTable;
    QTableView *m_podsTable;
};

} // namespace cox::console
