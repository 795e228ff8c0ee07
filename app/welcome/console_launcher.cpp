#include "welcome/console_launcher.h"

#include "api/api_client.h"
#include "api/cluster_session.h"
#include "api/kubeconfig_reader.h"
#include "console_options.h"
#include "hosting/embedded_cluster.h"
#include "main_window.h"
#include "welcome/local_node.h"
#include "welcome/local_node_check.h"
#include "welcome/welcome_dialog.h"

#include <QAction>
#include <QEvent>
#include <QFileInfo>
#include <QMenu>

namespace cox::console {

namespace {

bool sameCluster(const ClusterConnection &a, const ClusterConnection &b) {
    return a.server == b.server && a.caPem == b.caPem && a.token == b.token;
}

} // namespace

ConsoleLauncher::ConsoleLauncher(QObject *parent)
    : QObject(parent)
    , m_cluster(new EmbeddedCluster(this))
    , m_node(new LocalNode(this))
    , m_defaultDataDir(EmbeddedCluster::defaultDataDir()) {
    connect(m_cluster, &EmbeddedCluster::started, this, &ConsoleLauncher::clusterStarted);
    connect(m_cluster, &EmbeddedCluster::failed, this, [this](const QString &why) {
        if (m_window)
            m_window->showError(tr("The local cluster could not start: %1").arg(why));
    });
    connect(m_node, &LocalNode::failed, this, [this](const QString &message) {
        if (m_window)
            m_window->showError(message);
    });
}

// The agent first: it must not outlive the API it reports to by more than its own shutdown.
ConsoleLauncher::~ConsoleLauncher() {
    m_node->stop();
    m_cluster->stop();
}

void ConsoleLauncher::attach(MainWindow *window) {
    m_window = window;
}

WelcomeDialog *ConsoleLauncher::welcomeDialog() const {
    return m_dialog;
}

void ConsoleLauncher::setListenHost(const QString &host) {
    m_cluster->setListenHost(host);
}

bool ConsoleLauncher::holdsCluster(const QString &dataDir) {
    return QFileInfo::exists(dataDir + QStringLiteral("/state.db")) ||
           QFileInfo::exists(dataDir + QStringLiteral("/admin-token"));
}

bool ConsoleLauncher::start(const ConsoleOptions &options, QString *error) {
    m_port = quint16(options.port);
    if (!options.kubeconfig.isEmpty())
        return openKubeconfig(options.kubeconfig, error); // this run only: not remembered
    if (!options.dataDir.isEmpty()) {
        m_current = {StartupChoice::Mode::LocalCluster, options.dataDir, false, {}};
        hostLocal(options.dataDir, false);
        return true;
    }
    const StartupChoice saved = StartupChoice::load();
    if (options.welcome) {
        showWelcome(saved);
        return true;
    }
    if (saved.mode == StartupChoice::Mode::LocalCluster) {
        m_current = saved;
        hostLocal(saved.dataDir.isEmpty() ? m_defaultDataDir : saved.dataDir, saved.localNode);
        return true;
    }
    if (saved.mode == StartupChoice::Mode::Kubeconfig) {
        QString why;
        if (openKubeconfig(saved.kubeconfig, &why)) {
            m_current = saved;
            return true;
        }
        // Moved or deleted since: ask again, and say why.
        showWelcome(saved)->showError(
            tr("The kubeconfig used last time no longer opens: %1").arg(why));
        return true;
    }
    if (holdsCluster(m_defaultDataDir)) { // a cluster from before choices were remembered
        m_current = {StartupChoice::Mode::LocalCluster, m_defaultDataDir, false, {}};
        m_current.save();
        hostLocal(m_defaultDataDir, false);
        return true;
    }
    if (!options.screenshot.isEmpty()) {
        // A non-interactive run (--screenshot) has nobody to answer the dialog: it takes the
        // default choice, a local cluster in the default data dir, without remembering it.
        m_current = {StartupChoice::Mode::LocalCluster, m_defaultDataDir, false, {}};
        hostLocal(m_defaultDataDir, false);
        return true;
    }
    showWelcome();
    return true;
}

WelcomeDialog *ConsoleLauncher::showWelcome(const StartupChoice &preset) {
    if (m_dialog) {
        m_dialog->raise();
        return m_dialog;
    }
    QString dir = preset.dataDir;
    if (dir.isEmpty())
        dir = m_hostedDir.isEmpty() ? m_defaultDataDir : m_hostedDir;
    auto *dialog = new WelcomeDialog(dir, LocalNodeCheck::missing(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (preset.mode == StartupChoice::Mode::Kubeconfig)
        dialog->chooseKubeconfig(preset.kubeconfig);
    else
        dialog->chooseLocalCluster(preset.localNode);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { apply(dialog->choice(), dialog->connection()); });
    connect(dialog, &QDialog::finished, this, [this, dialog] {
        if (m_dialog == dialog)
            m_dialog = nullptr; // closed: deleted later, never shown again
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        if (m_hostedDir.isEmpty() && !(m_window && m_window->session()))
            emit quitRequested(); // first start: there is nothing to show without a choice
    });
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

void ConsoleLauncher::apply(const StartupChoice &choice,
                            const std::optional<ClusterConnection> &connection) {
    choice.save();
    m_current = choice;
    if (choice.mode == StartupChoice::Mode::LocalCluster) {
        hostLocal(choice.dataDir.isEmpty() ? m_defaultDataDir : choice.dataDir, choice.localNode);
        return;
    }
    if (connection && m_window)
        m_window->connectTo(*connection);
    stopHosting(); // after connecting elsewhere, so the window never shows the stop as a loss
}

void ConsoleLauncher::hostLocal(const QString &dataDir, bool localNode) {
    m_wantLocalNode = localNode;
    if (!m_hostedDir.isEmpty() && m_hostedDir == dataDir) {
        if (!localNode)
            m_node->stop();
        else if (m_cluster->running() && !m_node->running())
            startLocalNode(m_hosted);
        return;
    }
    stopHosting();
    m_hostedDir = dataDir;
    m_cluster->start(dataDir, m_port);
}

void ConsoleLauncher::clusterStarted(const ClusterConnection &connection) {
    m_hosted = connection;
    if (m_window) {
        // The same cluster back (restarted on its port and data): the session reconnects by
        // itself, so the board keeps its state instead of being rebuilt.
        ClusterSession *session = m_window->session();
        if (!session || !sameCluster(session->api()->connection(), connection))
            m_window->connectTo(connection);
    }
    if (m_wantLocalNode)
        startLocalNode(connection);
}

void ConsoleLauncher::startLocalNode(const ClusterConnection &connection) {
    if (connection.joinToken.isEmpty())
        return;
    // Checked again on every start: e.g. the console started without root this time, which the
    // agent would only report by failing.
    const QStringList missing = LocalNodeCheck::missing();
    if (!missing.isEmpty()) {
        if (m_window)
            m_window->showError(tr("This machine does not run as a node this time. Missing: %1.")
                                    .arg(missing.join(QStringLiteral("; "))));
        return;
    }
    LocalNodeConfig config;
    config.agentPath = LocalNodeCheck::findAgent();
    config.server = connection.server.toString();
    config.joinToken = connection.joinToken;
    config.nodeName = m_nodeName;
    config.dataDir = m_hostedDir + QStringLiteral("/node");
    config.extraArgs = m_agentArgs;
    m_node->start(config);
}

void ConsoleLauncher::stopHosting() {
    m_node->stop();
    m_cluster->stop();
    m_hostedDir.clear();
    m_hosted = {};
}

bool ConsoleLauncher::openKubeconfig(const QString &path, QString *error) {
    const auto connection = KubeconfigReader::readFile(path, error);
    if (!connection)
        return false;
    if (m_window)
        m_window->connectTo(*connection);
    stopHosting();
    return true;
}

void ConsoleLauncher::addMenuActions(QMenu *menu) {
    menu->addSeparator();
    m_openKubeconfig = menu->addAction(QString(), this, [this] {
        StartupChoice preset = m_current;
        preset.mode = StartupChoice::Mode::Kubeconfig;
        if (WelcomeDialog *dialog = showWelcome(preset))
            dialog->browse();
    });
    m_openKubeconfig->setObjectName(QStringLiteral("openKubeconfigAction"));
    m_welcome = menu->addAction(QString(), this, [this] { showWelcome(m_current); });
    m_welcome->setObjectName(QStringLiteral("welcomeAction"));
    if (m_window) // QEvent::LanguageChange reaches every top-level window
        m_window->installEventFilter(this);
    retranslate();
}

void ConsoleLauncher::retranslate() {
    if (m_openKubeconfig)
        m_openKubeconfig->setText(tr("Open a &kubeconfig…"));
    if (m_welcome)
        m_welcome->setText(tr("&Welcome and cluster choice…"));
}

bool ConsoleLauncher::eventFilter(QObject *watched, QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

} // namespace cox::console
