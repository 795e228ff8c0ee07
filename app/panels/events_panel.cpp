#include "panels/events_panel.h"

#include "models/event_filter_proxy.h"
#include "models/event_list_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

namespace cox::console {

EventsPanel::EventsPanel(EventListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new EventFilterProxy(this))
    , m_namespace(new QComboBox)
    , m_warnings(new QCheckBox)
    , m_table(new QTableView) {
    m_proxy->setSourceModel(model);
    m_namespace->setObjectName(QStringLiteral("eventsNamespace"));
    m_namespace->addItem(QString(), QString());
    m_namespace->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_warnings->setObjectName(QStringLiteral("eventsWarningsOnly"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_namespace);
    bar->addWidget(m_warnings);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    m_table->setObjectName(QStringLiteral("eventsDockTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventListModel::LastSeen, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const QList<QPair<int, int>> widths{{EventListModel::LastSeen, 80},
                                        {EventListModel::Type, 80},
                                        {EventListModel::Reason, 130},
                                        {EventListModel::Object, 210},
                                        {EventListModel::Message, 420}};
    for (const auto &[column, width] : widths)
        m_table->horizontalHeader()->resizeSection(column, width);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_namespace, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setNamespace(m_namespace->currentData().toString()); });
    connect(m_warnings, &QCheckBox::toggled, m_proxy, &EventFilterProxy::setWarningsOnly);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        emit eventObjectChosen(i.data(EventListModel::ObjectKindRole).toString(),
                               i.data(EventListModel::ObjectNamespaceRole).toString(),
                               i.data(EventListModel::ObjectNameRole).toString());
    });
    m_namespaces.setSingleShot(true);
    m_namespaces.setInterval(200);
    connect(&m_namespaces, &QTimer::timeout, this, &EventsPanel::updateNamespaces);
    connect(model, &QAbstractItemModel::rowsInserted, &m_namespaces, qOverload<>(&QTimer::start));
    connect(model, &QAbstractItemModel::modelReset, &m_namespaces, qOverload<>(&QTimer::start));
    retranslateUi();
}

// The namespaces events were seen in, sorted; the chosen one stays chosen.
void EventsPanel::updateNamespaces() {
    QSet<QString> names;
    for (int row = 0; row < m_model->rowCount(); ++row)
        names.insert(m_model->index(row, 0).data(EventListModel::NamespaceRole).toString());
    names.remove(QString());
    QStringList sorted(names.begin(), names.end());
    sorted.sort();
    const QString current = m_namespace->currentData().toString();
    QSignalBlocker block(m_namespace);
    while (m_namespace->count() > 1)
        m_namespace->removeItem(1);
    for (const QString &ns : sorted)
        m_namespace->addItem(ns, ns);
    if (!current.isEmpty() && m_namespace->findData(current) < 0)
        m_namespace->addItem(current, current); // keep the user's choice while it is quiet
    m_namespace->setCurrentIndex(std::max(0, m_namespace->findData(current)));
}

void EventsPanel::retranslateUi() {
    m_namespace->setItemText(0, tr("All namespaces"));
    m_namespace->setAccessibleName(tr("Events namespace"));
    m_warnings->setText(tr("Warnings only"));
    m_warnings->setAccessibleName(tr("Show only Warning events"));
    m_table->setAccessibleName(tr("Recent cluster events"));
}

void EventsPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace cox::console
