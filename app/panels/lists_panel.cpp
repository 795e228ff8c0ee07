#include "panels/lists_panel.h"

#include "models/event_list_model.h"
#include "models/node_list_model.h"
#include "models/pod_list_model.h"
#include "models/service_list_model.h"
#include "models/workload_list_model.h"
#include "panels/workloads_table.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace cox::console {

namespace {

constexpr int kAgeRepaintMs = 15'000;

} // namespace

ListsPanel::ListsPanel(ClusterModel *cluster, QWidget *parent)
    : QWidget(parent)
    , m_nodes(new NodeListModel(cluster, this))
    , m_pods(new PodListModel(cluster, this))
    , m_workloads(new WorkloadListModel(this))
    , m_services(new ServiceListModel(this))
    , m_events(new EventListModel(this))
    , m_nodesProxy(makeProxy(m_nodes))
    , m_podsProxy(makeProxy(m_pods))
    , m_workloadsProxy(makeProxy(m_workloads))
    , m_servicesProxy(makeProxy(m_services))
    , m_eventsProxy(makeProxy(m_events))
    , m_filter(new QLineEdit)
    , m_tabs(new QTabWidget) {
    m_nodesTable = makeTable(m_nodesProxy);
    m_podsTable = makeTable(m_podsProxy);
    m_workloadsTable = new WorkloadsTable(m_workloads, m_workloadsProxy);
    makeTable(m_workloadsProxy, m_workloadsTable);
    m_servicesTable = makeTable(m_servicesProxy);
    m_eventsTable = makeTable(m_eventsProxy);
    m_eventsTable->sortByColumn(EventListModel::LastSeen, Qt::DescendingOrder); // newest first
    m_filter->setObjectName(QStringLiteral("listsFilter"));
    m_filter->setClearButtonEnabled(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tabs);
    for (QTableView *table :
         {m_nodesTable, m_podsTable, static_cast<QTableView *>(m_workloadsTable), m_servicesTable,
          m_eventsTable})
        m_tabs->addTab(table, QString());
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (QSortFilterProxyModel *proxy :
             {m_nodesProxy, m_podsProxy, m_workloadsProxy, m_servicesProxy, m_eventsProxy})
            proxy->setFilterFixedString(text);
    });
    connect(m_workloadsTable, &WorkloadsTable::scaleRequested, this, &ListsPanel::scaleRequested);
    connectChoices();
    m_ages.setInterval(kAgeRepaintMs);
    connect(&m_ages, &QTimer::timeout, this, [this] {
        if (QWidget *table = m_tabs->currentWidget())
            static_cast<QTableView *>(table)->viewport()->update();
    });
    m_ages.start();
    retranslateUi();
}

QSortFilterProxyModel *ListsPanel::makeProxy(QAbstractItemModel *source) {
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(source);
    proxy->setSortRole(Qt::UserRole); // raw numbers sort numerically
    proxy->setFilterKeyColumn(-1);    // any column matches
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    return proxy;
}

void ListsPanel::connectChoices() {
    connect(m_nodesTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit nodeChosen(i.data(NodeListModel::KeyRole).toString());
    });
    connect(m_podsTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit podChosen(i.data(PodListModel::KeyRole).toString());
    });
    connect(m_workloadsTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit workloadChosen(i.data(WorkloadListModel::KindRole).toString(),
                            i.data(WorkloadListModel::NamespaceRole).toString(),
                            i.data(WorkloadListModel::NameRole).toString());
    });
    connect(m_servicesTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        const QString key = i.data(ServiceListModel::KeyRole).toString();
        emit serviceChosen(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1));
    });
    connect(m_eventsTable, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit eventObjectChosen(i.data(EventListModel::ObjectKindRole).toString(),
                               i.data(EventListModel::ObjectNamespaceRole).toString(),
                               i.data(EventListModel::ObjectNameRole).toString());
    });
}

QTableView *ListsPanel::makeTable(QSortFilterProxyModel *proxy, QTableView *table) {
    if (!table)
        table = new QTableView;
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
    table->verticalHeader()->setDefaultSectionSize(26);
    return table;
}

void ListsPanel::retranslateUi() {
    m_filter->setPlaceholderText(tr("Filter the lists"));
    m_filter->setAccessibleName(tr("Filter the lists"));
    const QList<QPair<QTableView *, QString>> tabs{
        {m_nodesTable, tr("Nodes")},         {m_podsTable, tr("Pods")},
        {m_workloadsTable, tr("Workloads")}, {m_servicesTable, tr("Services")},
        {m_eventsTable, tr("Events")},
    };
    for (const auto &[table, text] : tabs) {
        m_tabs->setTabText(m_tabs->indexOf(table), text);
        table->setAccessibleName(text);
    }
}

void ListsPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace cox::console
