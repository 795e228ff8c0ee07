// ConsoleLauncher: decides what the console opens and keeps it running. The command line wins
// (--kubeconfig, --data-dir, --welcome); else the remembered StartupChoice is resumed (the local
// cluster from the same data dir - same objects, same CA - with its node agent again, or the same
// kubeconfig); else, on a first start, the WelcomeDialog asks. It owns the embedded control plane
// and the local node's agent, and adds the Cluster menu's way back to the welcome choice.
#pragma once

#include "api/cluster_connection.h"
#include "welcome/startup_choice.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;
class QMenu;

namespace cox::console {

struct ConsoleOptions;
class EmbeddedCluster;
class LocalNode;
class MainWindow;
class WelcomeDialog;

class ConsoleLauncher : public QObject {
    Q_OBJECT
public:
    // Declare before the window (it outlives the window's watches); attach() the window after.
    explicit ConsoleLauncher(QObject *parent = nullptr);
    ~ConsoleLauncher() override; // stops the node agent (pods keep running), then the cluster

    void attach(MainWindow *window);
    // Opens what the options and the remembered choice say; false with *error when the command
    // line names a kubeconfig that cannot be read.
    bool start(const ConsoleOptions &options, QString *error);

    // Shows the welcome dialog (window-modal, non-blocking) preset to `preset`; on Continue the
    // choice is applied and remembered; on Quit with nothing open, the application quits.
    WelcomeDialog *showWelcome(const StartupChoice &preset = {});
    // Cluster menu: "Open a kubeconfig…" and "Welcome and cluster choice…". Re-labelled on a
    // language change of the menu's window.
    void addMenuActions(QMenu *menu);

    // Where the local cluster lives unless told otherwise (default: EmbeddedCluster's).
    void setDefaultDataDir(const QString &dir) { m_defaultDataDir = dir; }
    QString defaultDataDir() const { return m_defaultDataDir; }
    // Extra coxswain-agent arguments for the local node (tests: --no-network).
    void setAgentArguments(const QStringList &args) { m_agentArgs = args; }
    // The local node's name (default: the host name).
    void setNodeName(const QString &name) { m_nodeName = name; }
    // The local cluster's listen address (tests: 127.0.0.1).
    void setListenHost(const QString &host);

    EmbeddedCluster *cluster() const { return m_cluster; }
    LocalNode *localNode() const { return m_node; }
    WelcomeDialog *welcomeDialog() const; // null when not shown
    StartupChoice current() const { return m_current; }

    // A data dir that already holds a cluster (its state database or admin token).
    static bool holdsCluster(const QString &dataDir);

signals:
    // The user quit from the first-start welcome dialog.
    void quitRequested();

private:
    void apply(const StartupChoice &choice, const std::optional<ClusterConnection> &connection);
    void hostLocal(const QString &dataDir, bool localNode);
    void clusterStarted(const ClusterConnection &connection);
    void startLocalNode(const ClusterConnection &connection);
    void stopHosting();
    bool openKubeconfig(const QString &path, QString *error);
    void retranslate();
    bool eventFilter(QObject *watched, QEvent *event) override;

    QPointer<MainWindow> m_window;
    EmbeddedCluster *m_cluster;
    LocalNode *m_node;
    QPointer<WelcomeDialog> m_dialog;
    StartupChoice m_current;
    QString m_defaultDataDir;
    QString m_hostedDir;
    ClusterConnection m_hosted; // in memory only: it holds the tokens
    QStringList m_agentArgs;
    QString m_nodeName;
    quint16 m_port = 6443; // from ConsoleOptions: falls back to a free one when taken
    bool m_wantLocalNode = false;
    QAction *m_openKubeconfig = nullptr;
    QAction *m_welcome = nullptr;
};

} // namespace cox::console
