#include "main_window.h"

#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "board/board_view.h"
#include "board/node_card.h"
#include "board/pod_chip.h"
#include "charts/node_usage_poller.h"
#include "inspector/inspector_panel.h"
#include "models/cluster_model.h"
#include "models/deployment_model.h"
#include "panels/deployments_panel.h"
#include "panels/lists_panel.h"
#include "setup/machine_setup_config.h"

#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace cox::console {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_cluster(new ClusterModel(this))
    , m_deployments(new DeploymentModel(this))
    , m_scene(new BoardScene(m_cluster, this))
    , m_view(new BoardView(m_scene))
    , m_inspector(new InspectorPanel)
    , m_deploymentsPanel(new DeploymentsPanel(m_deployments))
    , m_lists(new ListsPanel(m_cluster))
    , m_banner(new QLabel)
    , m_counts(new QLabel)
    , m_search(new QLineEdit)
    , m_namespace(new QComboBox)
    , m_countsTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    m_setup = std::make_unique<MachineSetupConfig>();
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: #8e2c2a; color: white; padding: 8px 12px; font-weight: bold; }"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    layout->addWidget(m_banner);
    layout->addWidget(m_view);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_counts);
    buildToolbar();
    buildDocks();
    buildMenus();
    m_countsTimer->setSingleShot(true);
    m_countsTimer->setInterval(100); // coalesce: thousands of events, one label update
    connect(m_countsTimer, &QTimer::timeout, this, &MainWindow::updateCounts);
    connect(m_cluster, &ClusterModel::countsChanged, m_countsTimer, qOverload<>(&QTimer::start));
    connect(m_cluster, &ClusterModel::nodeReadinessChanged, this, &MainWindow::nodeReadiness);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::selectionChanged);
    connect(m_scene, &BoardScene::cordonRequested, this, &MainWindow::cordon);
    connect(m_scene, &BoardScene::drainRequested, this, &MainWindow::drain);
    connect(m_scene, &BoardScene::removeRequested, this, &MainWindow::removeNode);
    connect(m_scene, &BoardScene::chipDragStarted, this, &MainWindow::dragStarted);
    connect(m_scene, &BoardScene::chipDropped, this, &MainWindow::chipDropped);
    connect(m_deploymentsPanel, &DeploymentsPanel::scaleRequested, this, &MainWindow::scale);
    m_nodeUsage = new NodeUsagePoller(this);
    m_nodeUsage->setVisibleProbe([this] { return m_view->isVisible() && !isMinimized(); });
    connect(m_nodeUsage, &NodeUsagePoller::usageChanged, m_scene, &BoardScene::setNodeUsage);
    retranslateUi();
    resize(1440, 900);
}

MainWindow::~MainWindow() {
    // Children outlive this body: a scene clearing its selection must not call back in here.
    m_scene->disconnect(this);
    delete m_session;
}

void MainWindow::buildToolbar() {
    m_toolbar = addToolBar(QString());
    m_toolbar->setObjectName(QStringLiteral("boardToolbar"));
    m_toolbar->setMovable(false);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(360);
    m_namespace->setObjectName(QStringLiteral("namespaceFilter"));
    m_namespace->addItem(QString(), QString());
    m_namespace->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_toolbar->addWidget(m_search);
    m_toolbar->addWidget(m_namespace);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::applyFilter);
    connect(m_namespace, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
}

void MainWindow::buildDocks() {
    m_deploymentsDock = new QDockWidget(this);
    m_deploymentsDock->setObjectName(QStringLiteral("deploymentsDock"));
    m_deploymentsDock->setWidget(m_deploymentsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_deploymentsDock);
    m_inspectorDock = new QDockWidget(this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    resizeDocks({m_deploymentsDock, m_inspectorDock}, {340, 340}, Qt::Horizontal);
    m_listsDock = new QDockWidget(this);
    m_listsDock->setObjectName(QStringLiteral("listsDock"));
    m_listsDock->setWidget(m_lists);
    addDockWidget(Qt::BottomDockWidgetArea, m_listsDock);
    resizeDocks({m_listsDock}, {220}, Qt::Vertical);
    connect(m_lists, &ListsPanel::podChosen, this,
            [this](const QString &key) { selectOnBoard(key, QString()); });
    connect(m_lists, &ListsPanel::nodeChosen, this,
            [this](const QString &name) { selectOnBoard(QString(), name); });
    buildEventsDock();
}

void MainWindow::selectOnBoard(const QString &podKey, const QString &node) {
    QGraphicsItem *item = nullptr;
    if (!podKey.isEmpty())
        item = m_scene->chip(podKey);
    else
        item = m_scene->card(node);
    if (!item)
        return;
    m_scene->clearSelection();
    item->setSelected(true);
    m_view->ensureVisible(item);
}

void MainWindow::connectTo(const ClusterConnection &connection) {
    if (m_session) {
        m_session->stop();
        m_session->deleteLater();
    }
    m_session = new ClusterSession(connection, this);
    m_inspector->setApi(m_session->api());
    m_nodeUsage->setApi(m_session->api());
    m_nodeUsage->start();
    m_clusterName = connection.name.isEmpty() ? connection.server.toString() : connection.name;
    m_setup->cluster = connection;
    retranslateUi();
    wireSession();
    wireInspection();
    setBanner(QString());
    m_session->start();
}

void MainWindow::wireSession() {
    ClusterSession *s = m_session;
    connect(s->nodes(), &WatchCache::upserted, this, [this](const QJsonObject &o) {
        m_cluster->upsertNode(NodeView::fromJson(o));
        refreshInspector(WatchCache::keyOf(o));
    });
    connect(s->nodes(), &WatchCache::removed, this,
            [this](const QJsonObject &o) { m_cluster->removeNode(WatchCache::keyOf(o)); });
    connect(s->pods(), &WatchCache::upserted, this, [this](const QJsonObject &o) {
        m_cluster->upsertPod(PodView::fromJson(o));
        m_namespace->setProperty("stale", true);
        refreshInspector(WatchCache::keyOf(o));
    });
    connect(s->pods(), &WatchCache::removed, this,
            [this](const QJsonObject &o) { m_cluster->removePod(WatchCache::keyOf(o)); });
    connect(s->deployments(), &WatchCache::upserted, this,
            [this](const QJsonObject &o) { m_deployments->upsert(DeploymentView::fromJson(o)); });
    connect(s->deployments(), &WatchCache::removed, this,
            [this](const QJsonObject &o) { m_deployments->remove(WatchCache::keyOf(o)); });
    connect(s->podMoves(), &WatchCache::upserted, this, &MainWindow::podMoveChanged);
    connect(
        s, &ClusterSession::connectionChanged, this, [this](bool connected, const QString &reason) {
            setBanner(connected
                          ? QString()
                          : tr("Connection to the cluster lost (%1). Reconnecting…").arg(reason));
        });
    connect(s, &ClusterSession::syncedChanged, this, [this] {
        if (m_session->synced()) {
            m_view->fitToView();
            emit clusterSynced();
        }
    });
}

QString MainWindow::statusText() const {
    return m_counts->text();
}

bool MainWindow::bannerVisible() const {
    return !m_banner->isHidden();
}

QString MainWindow::bannerText() const {
    return m_banner->text();
}

void MainWindow::setBanner(const QString &text) {
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void MainWindow::showError(const QString &message) {
    setBanner(message);
}

void MainWindow::notify(const QString &message) {
    m_lastAction = message;
    statusBar()->showMessage(message, 10'000);
}

// A node going NotReady is worth interrupting for: a desktop notification where there is a
// system tray, and always the status bar.
void MainWindow::nodeReadiness(const QString &node, bool ready) {
    const QString message = ready ? tr("Node %1 is Ready again").arg(node)
                                  : tr("Node %1 is NotReady: its pods may be moved away").arg(node);
    notify(message);
    if (ready || !QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }
    m_tray->showMessage(tr("Coxswain"), message, QSystemTrayIcon::Warning);
}

void MainWindow::updateCounts() {
    m_counts->setText(tr("Nodes %1/%2 Ready · Pods %3/%4 running · %5 pending")
                          .arg(m_cluster->readyNodeCount())
                          .arg(m_cluster->nodeCount())
                          .arg(m_cluster->runningPodCount())
                          .arg(m_cluster->podCount())
                          .arg(m_cluster->pendingCount()));
    // Health at a glance: amber while a node is not Ready or a pod waits for one.
    const bool healthy =
        m_cluster->readyNodeCount() == m_cluster->nodeCount() && m_cluster->pendingCount() == 0;
    m_counts->setStyleSheet(healthy ? QString() : QStringLiteral("color: #f0b429;"));
    if (m_namespace->property("stale").toBool())
        updateNamespaces();
}

void MainWindow::updateNamespaces() {
    m_namespace->setProperty("stale", false);
    QSet<QString> names;
    for (const PodView &pod : m_cluster->pods())
        names.insert(pod.ns);
    QStringList sorted(names.begin(), names.end());
    sorted.sort();
    const QString current = m_namespace->currentData().toString();
    QSignalBlocker block(m_namespace);
    while (m_namespace->count() > 1)
        m_namespace->removeItem(1);
    for (const QString &ns : sorted)
        m_namespace->addItem(ns, ns);
    m_namespace->setCurrentIndex(std::max(0, m_namespace->findData(current)));
}

void MainWindow::applyFilter() {
    m_scene->setFilter(m_namespace->currentData().toString(), m_search->text());
}

void MainWindow::selectionChanged() {
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    if (selected.isEmpty() || !m_session) {
        m_inspector->clear();
        return;
    }
    QGraphicsItem *item = selected.first();
    QString ns, name, kind;
    if (item->type() == PodChipType) {
        const PodView &pod = static_cast<PodChip *>(item)->view();
        m_inspector->showPod(m_session->pods()->object(pod.key));
        ns = pod.ns;
        name = pod.name;
        kind = QStringLiteral("Pod");
    } else if (item->type() == NodeCardType) {
        name = static_cast<NodeCard *>(item)->name();
        m_inspector->showNode(m_session->nodes()->object(name));
        kind = QStringLiteral("Node");
    } else {
        return;
    }
    loadInspectorEvents(kind, ns, name);
}

// Keeps the inspector live: the selected object is re-read from its cache after each event.
void MainWindow::refreshInspector(const QString &key) {
    if (!m_session)
        return;
    const QString kind = m_inspector->shownKind();
    if (kind == QLatin1String("Deployment") || kind == QLatin1String("Service")) {
        // Their pods change with them; the shown key is the object's, not the pod's.
        if (!m_inspectorRefresh->isActive()) // a steady stream of events must not starve it
            m_inspectorRefresh->start();
        return;
    }
    if (key != m_inspector->shownKey())
        return;
    if (kind == QLatin1String("Pod")) {
        const QJsonObject pod = m_session->pods()->object(key);
        if (!pod.isEmpty())
            m_inspector->showPod(pod);
        return;
    }
    const QJsonObject node = m_session->nodes()->object(key);
    if (!node.isEmpty() && kind == QLatin1String("Node"))
        m_inspector->showNode(node);
}

} // namespace cox::console
