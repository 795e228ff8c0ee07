#include "panels/lists_panel.h"

#include "models/node_list_model.h"
#include "models/pod_list_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace cox::console {

ListsPanel::ListsPanel(ClusterModel *cluster, QWidget *parent)
    : QWidget(parent)
    , m_nodes(new NodeListModel(cluster, this))
    , m_pods(new PodListModel(cluster, this))
    , m_nodesProxy(new QSortFilterProxyModel(this))
    , m_podsProxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit)
    , m_tabs(new QTabWidget) {
    m_nodesProxy->setSourceModel(m_nodes);
    m_podsProxy->setSourceModel(m_pods);
    for (QSortFilterProxyModel *proxy : {m_nodesProxy, m_podsProxy}) {
        proxy->setSortRole(Qt::UserRole); // raw numbers sort numerically
        proxy->setFilterKeyColumn(-1);    // any column matches
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    }
    m_nodesTable = makeTable(m_nodesProxy);
    m_podsTable = makeTable(m_podsProxy);
    m_filter->setObjectName(QStringLiteral("listsFilter"));
    m_filter->setClearButtonEnabled(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tabs);
    m_tabs->addTab(m_nodesTable, QString());
    m_tabs->addTab(m_podsTable, QString());
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_nodesProxy->setFilterFixedString(text);
        m_podsProxy->setFilterFixedString(text);
    });
    connect(m_nodesTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit nodeChosen(i.data(NodeListModel::KeyRole).toString());
    });
    connect(m_podsTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit podChosen(i.data(PodListModel::KeyRole).toString());
    });
    retranslateUi();
}

QTableView *ListsPanel::makeTable(QSortFilterProxyModel *proxy) {
    auto *table = new QTableView;
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(0, Qt::AscendingOrder);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setDefaultSectionSize(24);
    return table;
}

void ListsPanel::retranslateUi() {
    m_filter->setPlaceholderText(tr("Filter the lists"));
    m_filter->setAccessibleName(tr("Filter the lists"));
    m_tabs->setTabText(0, tr("Nodes"));
    m_tabs->setTabText(1, tr("Pods"));
    m_nodesTable->setAccessibleName(tr("Nodes"));
    m_podsTable->setAccessibleName(tr("Pods"));
}

void ListsPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace cox::console
