// MainWindow: the console's window - the board in the centre, deployments docked left, the
// inspector docked right, a toolbar with search, namespace filter and zoom, a banner while the
// cluster is unreachable, and "Cluster: N nodes, M pods, K pending" in the status bar. It wires
// a ClusterSession's caches into the models and turns board gestures into API calls.
#pragma once

#include "api/cluster_connection.h"
#include "board/board_scene.h"

#include <QHash>
#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace cox::console {

class BoardView;
class ClusterModel;
class ClusterSession;
class DeploymentModel;
class DeploymentsPanel;
class InspectorPanel;
struct ApiResponse;

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
    QString statusText() const;
    bool bannerVisible() const;
    QString bannerText() const;
    // The last message about a user action (scale, cordon, move), also shown in the status bar.
    QString lastActionMessage() const { return m_lastAction; }

signals:
    void clusterSynced();

private:
    void buildToolbar();
    void buildDocks();
    void wireSession();
    void updateCounts();
    void updateNamespaces();
    void setBanner(const QString &text);
    void applyFilter();
    void selectionChanged();
    void refreshInspector(const QString &changedKey);
    void notify(const QString &message);

    // main_window_actions.cpp: gestures -> API.
    void scale(const QString &ns, const QString &name, int replicas);
    void cordon(const QString &node, bool unschedulable);
    void dragStarted(const QString &podKey);
    void chipDropped(const QString &podKey, const QString &node);
    void podMoveChanged(const QJsonObject &move);
    void moveRefused(const QString &podKey, const QString &reason);

    ClusterSession *m_session = nullptr;
    ClusterModel *m_cluster;
    DeploymentModel *m_deployments;
    BoardScene *m_scene;
    BoardView *m_view;
    InspectorPanel *m_inspector;
    DeploymentsPanel *m_deploymentsPanel;
    QLabel *m_banner;
    QLabel *m_counts;
    QLineEdit *m_search;
    QComboBox *m_namespace;
    QTimer *m_countsTimer;
    QString m_lastAction;
    QString m_dragPod;               // pod whose explanation is in flight / shown
    QHash<QString, QString> m_moves; // PodMove key -> pod key, for progress on the chip
};

} // namespace cox::console
