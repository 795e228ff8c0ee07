// Hosting and connecting: the first start's welcome dialog (local cluster or kubeconfig), the
// remembered choice resumed on the next start, the local node's agent as a child process, and
// the banner while the hosted cluster is down. Every test runs with its own HOME, XDG dirs and
// QSettings path, so nothing touches the user's own files or another test's choice.
#include "cluster_fixture.h"

#include "api/api_client.h"
#include "api/cluster_session.h"
#include "board/board_scene.h"
#include "console_options.h"
#include "hosting/embedded_cluster.h"
#include "main_window.h"
#include "process.h"
#include "welcome/console_launcher.h"
#include "welcome/local_node.h"
#include "welcome/local_node_check.h"
#include "welcome/startup_choice.h"
#include "welcome/welcome_dialog.h"

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

namespace cox::console::testing {

namespace {

class WelcomeTest : public ClusterFixture {
public:
    void SetUp() override {
        ClusterFixture::SetUp();
        m_home = QString::fromStdString(cox::testing::makeTempDir("welcome-home"));
        m_savedConfig = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        for (const char *name : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "COX_AGENT_BIN"})
            m_savedEnv.emplace_back(name, qgetenv(name));
        qputenv("HOME", m_home.toUtf8());
        qputenv("XDG_DATA_HOME", (m_home + "/.local/share").toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home + "/.config").toUtf8());
        qputenv("COX_AGENT_BIN", COX_AGENT_BIN); // the agent this build made
        // QSettings caches its directory at first use: point it at this test's home explicitly.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home + "/.config");
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home + "/.config");
    }

    void TearDown() override {
        for (const auto &[name, value] : m_savedEnv) {
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value);
        }
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_savedConfig);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_savedConfig);
        cox::testing::removeTree(m_home.toStdString());
        ClusterFixture::TearDown();
    }

    // A console as main() assembles it, on a loopback port 0.
    struct Console {
        ConsoleLauncher launcher;
        MainWindow window;
        Console() {
            launcher.attach(&window);
            launcher.setListenHost(QStringLiteral("127.0.0.1"));
        }
    };

    static ConsoleOptions options(const QStringList &args = {}) {
        QString error;
        auto o = ConsoleOptions::parse(QStringList{QStringLiteral("coxswain")} + args, &error);
        EXPECT_TRUE(o) << error.toStdString();
        ConsoleOptions result = o ? *o : ConsoleOptions{};
        result.port = 0;
        return result;
    }

    static bool synced(const MainWindow &window) {
        return window.session() && window.session()->synced();
    }

    // The API of the cluster the window shows, through backend/http (not the console's code).
    static std::unique_ptr<http::Client> clientFor(const ClusterConnection &c) {
        http::ClientConfig config;
        config.port = quint16(c.server.port());
        config.caPem = c.caPem.toStdString();
        config.bearerToken = c.token.toStdString();
        auto client = http::Client::create(config);
        EXPECT_TRUE(client) << client.status().message();
        return client ? std::make_unique<http::Client>(std::move(*client)) : nullptr;
    }

    static int postNode(http::Client &client, const std::string &name) {
        Json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", name}}}};
        auto r = client.request("POST", "/api/v1/nodes", node.dump(),
                                {{"Content-Type", "application/json"}});
        return r ? r->status : 0;
    }

    // Every settings file under this test's config dir (QSettings nests them by organisation).
    QString settingsText() const {
        QString all;
        QDirIterator it(m_home + "/.config", {"*.conf", "*.ini"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            all += QString::fromStdString(cox::testing::readFile(it.next().toStdString()));
        return all;
    }

    QString m_home;
    QString m_savedConfig;
    std::vector<std::pair<const char *, QByteArray>> m_savedEnv;
};

} // namespace

TEST_F(WelcomeTest, FirstStartAsksAndCreatingAClusterWritesTheDataDirAndConnects) {
    Console console;
    const QString dataDir = console.launcher.defaultDataDir();
    ASSERT_TRUE(dataDir.startsWith(m_home)) << dataDir.toStdString();
    QString error;
    ASSERT_TRUE(console.launcher.start(options(), &error)) << error.toStdString();
    WelcomeDialog *dialog = console.launcher.welcomeDialog();
    ASSERT_NE(dialog, nullptr) << "no welcome dialog on a first start";
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(console.window.session(), nullptr);
    EXPECT_EQ(dialog->choice().mode, StartupChoice::Mode::LocalCluster) << "the default";

    dialog->accept();
    ASSERT_TRUE(waitFor([&] { return synced(console.window); }, 60'000));
    EXPECT_TRUE(ConsoleLauncher::holdsCluster(dataDir));
    EXPECT_TRUE(QFile::exists(dataDir + "/pki"));
    const StartupChoice saved = StartupChoice::load();
    EXPECT_EQ(saved.mode, StartupChoice::Mode::LocalCluster);
    EXPECT_EQ(saved.dataDir, dataDir);
    EXPECT_FALSE(saved.localNode);
    // The settings hold the choice, never a credential.
    const QString settings = settingsText();
    EXPECT_TRUE(settings.contains("mode=local")) << settings.toStdString();
    const ClusterConnection c = console.window.session()->api()->connection();
    EXPECT_FALSE(settings.contains(QString::fromUtf8(c.token)));
    EXPECT_FALSE(settings.contains(QString::fromUtf8(c.joinToken)));
}

TEST_F(WelcomeTest, ASecondStartResumesTheSameClusterWithoutAsking) {
    QByteArray firstCa;
    {
        Console first;
        QString error;
        ASSERT_TRUE(first.launcher.start(options(), &error));
        ASSERT_NE(first.launcher.welcomeDialog(), nullptr);
        first.launcher.welcomeDialog()->accept();
        ASSERT_TRUE(waitFor([&] { return synced(first.window); }, 60'000));
        const ClusterConnection c = first.window.session()->api()->connection();
        firstCa = c.caPem;
        auto client = clientFor(c);
        ASSERT_TRUE(client);
        ASSERT_EQ(postNode(*client, "made-in-the-first-run"), 201);
        ASSERT_TRUE(waitFor(
            [&] { return first.window.boardScene()->card("made-in-the-first-run") != nullptr; }));
    } // the console quits: its cluster stops

    Console second;
    QString error;
    ASSERT_TRUE(second.launcher.start(options(), &error));
    EXPECT_EQ(second.launcher.welcomeDialog(), nullptr) << "asked again on the second start";
    ASSERT_TRUE(waitFor(
        [&] { return second.window.boardScene()->card("made-in-the-first-run") != nullptr; },
        60'000));
    EXPECT_EQ(second.window.session()->api()->connection().caPem, firstCa) << "same CA";

    // --welcome goes back to the choice even though one is remembered.
    Console third;
    ASSERT_TRUE(third.launcher.start(options({"--welcome"}), &error));
    ASSERT_NE(third.launcher.welcomeDialog(), nullptr);
    EXPECT_EQ(third.launcher.welcomeDialog()->choice().mode, StartupChoice::Mode::LocalCluster);
}

TEST_F(WelcomeTest, ABadKubeconfigKeepsTheDialogOpenWithTheReason) {
    Console console;
    QString error;
    ASSERT_TRUE(console.launcher.start(options(), &error));
    WelcomeDialog *dialog = console.launcher.welcomeDialog();
    ASSERT_NE(dialog, nullptr);

    const QString garbage = m_home + "/garbage.yaml";
    QFile file(garbage);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("this: is: not [a kubeconfig\n");
    file.close();
    dialog->chooseKubeconfig(garbage);
    dialog->accept();
    ASSERT_TRUE(waitFor([&] { return !dialog->checking() && !dialog->errorText().isEmpty(); }));
    EXPECT_TRUE(dialog->errorText().contains("does not open a cluster"))
        << dialog->errorText().toStdString();
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(console.window.session(), nullptr);

    // Well-formed, but its server is gone: refused before the dialog closes, with the address.
    const QString kubeconfig = QString::fromStdString(m_dataDir + "/kubeconfig");
    const QString server = connection().server.toString();
    stopPlane();
    dialog->chooseKubeconfig(kubeconfig);
    dialog->accept();
    ASSERT_TRUE(waitFor([&] { return !dialog->checking() && dialog->errorText().contains(server); },
                        30'000))
        << dialog->errorText().toStdString();
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(console.window.session(), nullptr);
    EXPECT_EQ(StartupChoice::load().mode, StartupChoice::Mode::None) << "nothing remembered";
}

TEST_F(WelcomeTest, AGoodKubeconfigConnectsAndIsReopenedNextTime) {
    createNode("behind-the-kubeconfig");
    const QString kubeconfig = QString::fromStdString(m_dataDir + "/kubeconfig");
    {
        Console console;
        QString error;
        ASSERT_TRUE(console.launcher.start(options(), &error));
        WelcomeDialog *dialog = console.launcher.welcomeDialog();
        ASSERT_NE(dialog, nullptr);
        dialog->chooseKubeconfig(kubeconfig);
        dialog->accept();
        ASSERT_TRUE(waitFor(
            [&] { return console.window.boardScene()->card("behind-the-kubeconfig") != nullptr; }));
        EXPECT_FALSE(console.launcher.cluster()->running()) << "hosts nothing for a kubeconfig";
        EXPECT_FALSE(ConsoleLauncher::holdsCluster(console.launcher.defaultDataDir()));
        const StartupChoice saved = StartupChoice::load();
        EXPECT_EQ(saved.mode, StartupChoice::Mode::Kubeconfig);
        EXPECT_EQ(saved.kubeconfig, kubeconfig);
        EXPECT_FALSE(settingsText().contains(QString::fromUtf8(connection().token)))
            << "credentials in settings";
    }
    Console again;
    QString error;
    ASSERT_TRUE(again.launcher.start(options(), &error));
    EXPECT_EQ(again.launcher.welcomeDialog(), nullptr);
    EXPECT_TRUE(waitFor(
        [&] { return again.window.boardScene()->card("behind-the-kubeconfig") != nullptr; }));
}

TEST_F(WelcomeTest, TheClusterMenuLeadsBackToTheWelcomeChoice) {
    Console console;
    QMenu menu;
    console.launcher.addMenuActions(&menu);
    auto *welcome = menu.findChild<QAction *>("welcomeAction");
    if (!welcome) { // actions added with QMenu::addAction are children of the menu's owner
        for (QAction *action : menu.actions())
            if (action->objectName() == "welcomeAction")
                welcome = action;
    }
    ASSERT_NE(welcome, nullptr);
    EXPECT_FALSE(welcome->text().isEmpty());
    QString error;
    ASSERT_TRUE(console.launcher.start(options({"--data-dir", m_home + "/elsewhere"}), &error));
    EXPECT_EQ(console.launcher.welcomeDialog(), nullptr) << "--data-dir needs no question";
    ASSERT_TRUE(waitFor([&] { return synced(console.window); }, 60'000));
    welcome->trigger();
    WelcomeDialog *dialog = console.launcher.welcomeDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->choice().dataDir, m_home + "/elsewhere") << "offers the hosted cluster";
    dialog->reject();
    EXPECT_TRUE(console.launcher.cluster()->running()) << "Quit there keeps the open cluster";

    // Switching to a kubeconfig from there: the window shows that cluster, the hosted one stops
    // (its data stays for when the local cluster is chosen again).
    createNode("switched-to");
    welcome->trigger();
    dialog = console.launcher.welcomeDialog();
    ASSERT_NE(dialog, nullptr);
    dialog->chooseKubeconfig(QString::fromStdString(m_dataDir + "/kubeconfig"));
    dialog->accept();
    ASSERT_TRUE(
        waitFor([&] { return console.window.boardScene()->card("switched-to") != nullptr; }));
    EXPECT_FALSE(console.launcher.cluster()->running());
    EXPECT_TRUE(ConsoleLauncher::holdsCluster(m_home + "/elsewhere"));
    EXPECT_EQ(StartupChoice::load().mode, StartupChoice::Mode::Kubeconfig);
}

TEST_F(WelcomeTest, ARememberedKubeconfigThatIsGoneAsksAgainAndSaysWhy) {
    StartupChoice gone;
    gone.mode = StartupChoice::Mode::Kubeconfig;
    gone.kubeconfig = m_home + "/deleted-kubeconfig";
    gone.save();
    Console console;
    QString error;
    ASSERT_TRUE(console.launcher.start(options(), &error));
    WelcomeDialog *dialog = console.launcher.welcomeDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->choice().kubeconfig, gone.kubeconfig) << "pre-filled with the old file";
    EXPECT_TRUE(dialog->errorText().contains("deleted-kubeconfig"))
        << dialog->errorText().toStdString();
    EXPECT_EQ(console.window.session(), nullptr);
}

// The banner while the hosted control plane is down, gone once it is back on the same port and
// data dir; the session reconnects by itself (no new session) and the board shows the objects.
TEST_F(WelcomeTest, BannerWhileTheHostedClusterIsDownAndGoneWhenItIsBack) {
    Console console;
    const QString dataDir = m_home + "/hosted";
    QString error;
    ASSERT_TRUE(console.launcher.start(options({"--data-dir", dataDir}), &error));
    ASSERT_TRUE(waitFor([&] { return synced(console.window); }, 60'000));
    ClusterSession *session = console.window.session();
    {
        auto client = clientFor(session->api()->connection());
        ASSERT_TRUE(client);
        ASSERT_EQ(postNode(*client, "before-the-outage"), 201);
    }
    ASSERT_TRUE(
        waitFor([&] { return console.window.boardScene()->card("before-the-outage") != nullptr; }));
    EXPECT_FALSE(console.window.bannerVisible());

    const quint16 port = console.launcher.cluster()->port();
    console.launcher.cluster()->stop();
    ASSERT_TRUE(waitFor([&] { return console.window.bannerVisible(); }, 30'000));
    const QString text = console.window.bannerText();
    EXPECT_TRUE(text.contains("lost")) << text.toStdString();
    EXPECT_TRUE(text.contains("Reconnecting")) << text.toStdString();

    console.launcher.cluster()->start(dataDir, port);
    ASSERT_TRUE(waitFor([&] { return console.launcher.cluster()->running(); }, 60'000));
    ASSERT_EQ(console.launcher.cluster()->port(), port) << "the port was taken meanwhile";
    {
        auto client = clientFor(session->api()->connection());
        ASSERT_TRUE(client);
        ASSERT_EQ(postNode(*client, "after-the-outage"), 201);
    }
    EXPECT_TRUE(waitFor([&] { return !console.window.bannerVisible(); }, 60'000))
        << console.window.bannerText().toStdString();
    EXPECT_EQ(console.window.session(), session) << "reconnected, not replaced";
    EXPECT_TRUE(waitFor(
        [&] {
            return console.window.boardScene()->card("before-the-outage") &&
                   console.window.boardScene()->card("after-the-outage");
        },
        60'000));
}

// An agent that cannot join: the window says so with the end of its log; the token reached it
// through a 0600 file, not its command line.
TEST_F(WelcomeTest, AnAgentThatExitsEarlyIsReportedWithItsLog) {
    const QString script = m_home + "/fake-agent.sh";
    QFile file(script);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\n"
               "for a in \"$@\"; do echo \"arg: $a\"; done\n"
               "echo \"token file mode: $(stat -c %a \"$4\")\"\n"
               "echo 'join refused: the token is not valid' >&2\n"
               "exit 3\n");
    file.close();
    ::chmod(QFile::encodeName(script).constData(), 0755);

    LocalNode node;
    MainWindow window;
    QObject::connect(&node, &LocalNode::failed, &window, &MainWindow::showError);
    LocalNodeConfig config;
    config.agentPath = script;
    config.server = QStringLiteral("https://127.0.0.1:9");
    config.joinToken = "K10secret::abcdef.0123456789abcdef";
    config.nodeName = QStringLiteral("early-exit");
    config.dataDir = m_home + "/node";
    // A log grown past its bound from earlier runs moves aside (sparse: no 17 MiB written).
    QDir().mkpath(config.dataDir);
    QFile old(config.dataDir + "/agent.log");
    ASSERT_TRUE(old.open(QIODevice::WriteOnly) && old.resize(17 * 1024 * 1024));
    old.close();
    ASSERT_TRUE(node.start(config));
    EXPECT_TRUE(QFile::exists(config.dataDir + "/agent.log.1"));
    ASSERT_TRUE(waitFor([&] { return window.bannerVisible(); }));
    const QString text = window.bannerText();
    EXPECT_TRUE(text.contains("exited with code 3")) << text.toStdString();
    EXPECT_TRUE(text.contains("join refused: the token is not valid")) << text.toStdString();
    const QString log = node.logTail(50);
    EXPECT_TRUE(log.contains("arg: --token-file")) << log.toStdString();
    EXPECT_TRUE(log.contains("token file mode: 600")) << log.toStdString();
    EXPECT_TRUE(log.contains("arg: early-exit"));
    EXPECT_FALSE(log.contains("K10secret")) << "the token was on the command line";
    EXPECT_LT(QFileInfo(node.logPath()).size(), 1024 * 1024);
}

namespace {

// The node's Ready condition, read through the API.
bool nodeReady(http::Client &client, const QString &name) {
    auto r = client.request("GET", "/api/v1/nodes/" + name.toStdString());
    if (!r || r->status != 200)
        return false;
    const Json node = Json::parse(r->body, nullptr, false);
    if (!node.is_object() || !node.contains("status"))
        return false;
    for (const auto &c : node["status"].value("conditions", Json::array()))
        if (c.value("type", "") == "Ready" && c.value("status", "") == "True")
            return true;
    return false;
}

} // namespace

// This machine as the first node: the real coxswain-agent joins the hosted cluster and its node
// turns Ready (read through the API); quitting stops the agent, the next start runs it again.
TEST_F(WelcomeTest, ThisMachineAsTheFirstNodeTurnsReadyAndComesBackNextStart) {
    const QStringList missing = LocalNodeCheck::missing();
    if (!missing.isEmpty())
        GTEST_SKIP() << "this machine cannot be a node: " << missing.join("; ").toStdString();
    const QString nodeName = QStringLiteral("welcome-local-%1").arg(::getpid());
    // No node network: the test leaves the host's iptables and routes as it found them; the
    // agent's own endpoint (logs, metrics) on any free loopback port.
    const QString agentConfig = m_home + "/agent.json";
    QFile config(agentConfig);
    ASSERT_TRUE(config.open(QIODevice::WriteOnly));
    config.write(R"({"kubeletPort": 0, "kubeletAddress": "127.0.0.1"})");
    config.close();
    auto prepare = [&](Console &console) {
        console.launcher.setAgentArguments({"--no-network", "--config", agentConfig});
        console.launcher.setNodeName(nodeName);
    };
    qint64 pid = 0;
    {
        Console console;
        prepare(console);
        QString error;
        ASSERT_TRUE(console.launcher.start(options(), &error));
        WelcomeDialog *dialog = console.launcher.welcomeDialog();
        ASSERT_NE(dialog, nullptr);
        ASSERT_TRUE(dialog->localNodeAvailable());
        dialog->chooseLocalCluster(true);
        dialog->accept();
        ASSERT_TRUE(waitFor([&] { return synced(console.window); }, 60'000));
        auto client = clientFor(console.window.session()->api()->connection());
        ASSERT_TRUE(client);
        EXPECT_TRUE(waitFor([&] { return nodeReady(*client, nodeName); }, 120'000))
            << "agent log:\n"
            << console.launcher.localNode()->logTail(30).toStdString();
        EXPECT_TRUE(StartupChoice::load().localNode) << "remembered for the next start";
        ASSERT_TRUE(console.launcher.localNode()->running());
        pid = console.launcher.localNode()->pid();
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        ASSERT_TRUE(cmdline.open(QIODevice::ReadOnly));
        EXPECT_FALSE(cmdline.readAll().contains(
            console.window.session()->api()->connection().joinToken.split(':').last()))
            << "the join token is on the agent's command line";
    }
    EXPECT_FALSE(QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(pid)))
        << "the agent outlived the console";

    Console next;
    prepare(next);
    QString error;
    ASSERT_TRUE(next.launcher.start(options(), &error));
    EXPECT_EQ(next.launcher.welcomeDialog(), nullptr);
    ASSERT_TRUE(waitFor([&] { return next.launcher.localNode()->running(); }, 60'000))
        << "the agent was not started again";
    EXPECT_NE(next.launcher.localNode()->pid(), pid);
    // Its log (appended across runs) shows a second agent that reached the API.
    EXPECT_TRUE(waitFor(
        [&] { return next.launcher.localNode()->logTail(200).count("registered") >= 2; }, 60'000))
        << next.launcher.localNode()->logTail(30).toStdString();
    ASSERT_TRUE(waitFor([&] { return synced(next.window); }, 60'000));
    EXPECT_TRUE(next.window.boardScene()->card(nodeName) != nullptr);
}

// The dialog as a user first sees it (docs/screenshots/welcome.png with COX_WRITE_SCREENSHOT=1).
TEST_F(WelcomeTest, WelcomeDialogRendersOffscreen) {
    WelcomeDialog available(QStringLiteral("/home/ada/.local/share/coxswain/cluster"), {});
    available.chooseLocalCluster(true);
    available.resize(available.sizeHint().expandedTo(QSize(600, 0)));
    const QImage image = available.grab().toImage();
    ASSERT_FALSE(image.isNull());
    EXPECT_TRUE(available.choice().localNode);
    if (qEnvironmentVariableIntValue("COX_WRITE_SCREENSHOT") == 1) {
        QDir().mkpath(COX_SCREENSHOT_DIR);
        EXPECT_TRUE(image.save(QStringLiteral(COX_SCREENSHOT_DIR "/welcome.png")));
    }
    // Without the prerequisites the option is off and says what is missing.
    WelcomeDialog missing(m_home, {QStringLiteral("runc (Debian package: runc)")});
    missing.chooseLocalCluster(true);
    EXPECT_FALSE(missing.localNodeAvailable());
    EXPECT_FALSE(missing.choice().localNode);
    bool saysWhat = false;
    for (const QLabel *label : missing.findChildren<QLabel *>())
        saysWhat = saysWhat || label->text().contains("Missing: runc");
    EXPECT_TRUE(saysWhat) << "the dialog does not say what is missing";
}

} // namespace cox::console::testing
