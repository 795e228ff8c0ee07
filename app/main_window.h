// MainWindow: the console's window - the board in the centre, deployments docked left, the
// inspector docked right, a toolbar with search, namespace filter and zoom, a banner while the
// cluster is unreachable, and "Cluster: N nodes, M pods, K pending" in the status bar. It wires
// a ClusterSession's caches into the models and turns board gestures into API calls.
#pragma once

#include "api/cluster_connection.h"
#include "board/board_scene.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QMenu;
class QSystemTrayIcon;
class QToolBar;
class QLabel;
class QLineEdit;
class QTimer;

namespace cox::console {

class BoardView;
class ClusterModel;
class ClusterSession;
class DeploymentModel;
class DeploymentsPanel;
class EventsPanel;
class InspectorPanel;
class ResourceCaches;
class ListsPanel;
class NodeUsagePoller;
class AddMachinesWizard;
struct MachineSetupConfig;
struct ApiResponse;
struct EventView;
class WatchCache;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the cluster: starts the watch caches; replaces any previous session.
    void connectTo(const ClusterConnection &connection);
    // Shown in the banner when there is no cluster to show (e.g. the embedded one failed).
    void showError(const QString &message);

    ClusterSession *session() const { return m_session; }
    ClusterModel *clusterModel() const { return m_cluster; }
    DeploymentModel *deploymentModel() const { return m_deployments; }
    BoardScene *boardScene() const { return m_scene; }
    BoardView *boardView() const { return m_view; }
    InspectorPanel *inspector() const { return m_inspector; }
    DeploymentsPanel *deploymentsPanel() const { return m_deploymentsPanel; }
    ListsPanel *listsPanel() const { return m_lists; }
    EventsPanel *eventsPanel() const { return m_eventsPanel; }
    QDockWidget *eventsDock() const { return m_eventsDock; }
    // The services/endpoints/events/StatefulSet/DaemonSet/Job caches of the current session.
    ResourceCaches *resourceCaches() const { return m_caches; }
    // Every node's live usage for the board's cards (metrics.k8s.io, while the board is seen).
    NodeUsagePoller *nodeUsagePoller() const { return m_nodeUsage; }
    // Selects a pod's chip or a node's card on the board and scrolls to it (list rows do this).
    void selectOnBoard(const QString &podKey, const QString &node);
    QString statusText() const;
    bool bannerVisible() const;
    QString bannerText() const;
    // The last message about a user action (scale, cordon, move), also shown in the status bar.
    QString lastActionMessage() const { return m_lastAction; }
    // Window geometry and dock/toolbar layout, remembered in QSettings across runs (saved on
    // close; main() restores before showing).
    void saveLayout() const;
    void restoreLayout();
    // Moves the pods of the last drop back to the nodes they came from (enabled once at least
    // one of its moves succeeded).
    void undoLastMove();
    QAction *undoMoveAction() const { return m_undoMove; }

    // main_window_inspection.cpp: shows a workload ("Deployment", ...) or a Service in the
    // inspector (from the caches, so it stays live); an event's object goes to the board for
    // pods and nodes.
    void showWorkload(const QString &kind, const QString &ns, const QString &name);
    void showService(const QString &ns, const QString &name);
    void showEventObject(const QString &kind, const QString &ns, const QString &name);

    // main_window_workloads.cpp. Each applies through the API and reports in the status bar.
    void showDeployDialog();
    void openManifest();
    // Parses a (multi-document) YAML file and applies it; false when it cannot be read/parsed.
    bool applyManifestFile(const QString &path);
    void applyObjects(const QList<QJsonObject> &objects, const QString &what);
    void autoscaleSelected();
    void showAutoscaleDialog(const QString &ns, const QString &deployment);

    // main_window_setup.cpp: machines in and out of the cluster over SSH.
    // How machines are set up (known_hosts, agent, runtime, layout); the cluster part is always
    // the current connection.
    void setMachineSetup(const MachineSetupConfig &config);
    // Cluster ▸ Add machines…: opens the wizard (non-modal, deleted on close); null with a
    // message box when this cluster cannot take machines.
    AddMachinesWizard *showAddMachines();
    // Node ▸ Remove node…: asks for confirmation, then opens the wizard in remove mode for the
    // machine at the node's address. Null when not confirmed.
    AddMachinesWizard *removeNode(const QString &node);

signals:
    void clusterSynced();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildToolbar();
    void buildDocks();
    // main_window_menus.cpp: menus and actions; every text is set in retranslateUi, so a
    // language switch (QEvent::LanguageChange) re-labels the whole window live.
    void buildMenus();
    void retranslateUi();
    void showPreferences();
    void wireSession();
    void updateCounts();
    void nodeReadiness(const QString &node, bool ready);
    void updateNamespaces();
    void setBanner(const QString &text);
    void applyFilter();
    void selectionChanged();
    void refreshInspector(const QString &changedKey);
    void notify(const QString &message);

    // main_window_inspection.cpp: the lists' and events dock's caches, and inspection.
    void buildEventsDock();
    void wireInspection();
    void feedCache(const QString &resource, WatchCache *cache);
    void scaleWorkload(const QString &kind, const QString &ns, const QString &name, int replicas);
    // The shown object's events: from the live events model when the cluster serves events to
    // watch, else one request.
    void loadInspectorEvents(const QString &kind, const QString &ns, const QString &name);
    void eventChanged(const EventView &event);
    // Deployment and Service inspection follow their pods and endpoints: coalesced.
    void refreshWorkloadInspector();

    // main_window_actions.cpp: gestures -> API.
    void scale(const QString &ns, const QString &name, int replicas);
    void cordon(const QString &node, bool unschedulable);
    // Cordons the node, then evicts its pods (DaemonSet pods stay, as with kubectl drain
    // --ignore-daemonsets); reports how many were evicted and why others were not.
    void drain(const QString &node);
    void dragStarted(const QString &podKey);
    void chipDropped(const QString &podKey, const QString &node);
    void startMove(const QString &podKey, const QString &node, bool undoable);
    void podMoveChanged(const QJsonObject &move);
    void moveRefused(const QString &podKey, const QString &reason);
    void updateUndo();
    QStringList selectedPodKeys() const;

    ClusterSession *m_session = nullptr;
    ClusterModel *m_cluster;
    DeploymentModel *m_deployments;
    BoardScene *m_scene;
    BoardView *m_view;
    InspectorPanel *m_inspector;
    DeploymentsPanel *m_deploymentsPanel;
    ListsPanel *m_lists;
    EventsPanel *m_eventsPanel = nullptr;
    QDockWidget *m_eventsDock = nullptr;
    ResourceCaches *m_caches = nullptr;
    NodeUsagePoller *m_nodeUsage = nullptr;
    QTimer *m_inspectorRefresh = nullptr;
    QLabel *m_banner;
    QLabel *m_counts;
    QLineEdit *m_search;
    QComboBox *m_namespace;
    QTimer *m_countsTimer;
    QToolBar *m_toolbar = nullptr;
    QDockWidget *m_deploymentsDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_listsDock = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_workloadsMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_clusterMenu = nullptr;
    QAction *m_addMachines = nullptr;
    std::unique_ptr<MachineSetupConfig> m_setup;
    QMenu *m_helpMenu = nullptr;
    QAction *m_preferences = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_deploy = nullptr;
    QAction *m_applyManifest = nullptr;
    QAction *m_autoscale = nullptr;
    QAction *m_about = nullptr;
    QString m_clusterName; // shown in the title
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastAction;
    // A PodMove this window started: which chip shows its progress, and whether it belongs to
    // the last drop (the one "Undo move" reverses).
    struct StartedMove {
        QString podKey;
        int batch = 0;
    };
    // A finished move of the last drop: the pod now on the target (a replacement has a new
    // name) and the node it came from.
    struct MoveRecord {
        QString ns;
        QString pod;
        QString sourceNode;
    };
    QString m_dragPod;                   // pod whose explanation is in flight / shown
    QHash<QString, StartedMove> m_moves; // PodMove key -> its chip and drop
    int m_moveBatch = 0;                 // bumps per drop; 0 = not undoable (an undo itself)
    QList<MoveRecord> m_lastMoves;
    QAction *m_undoMove = nullptr;
};

} // namespace cox::console
