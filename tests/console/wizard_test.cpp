// The add-machines wizard for real: an in-process control plane on a test bridge, sshd
// "machines" in network namespaces (tests/bootstrap's ClusterEnv), the real coxswain-agent
// (hollow runtime) uploaded and started by the wizard's pipeline runs; a node removed from its
// card's context menu; a password remembered in a real keychain (KeychainSession) and used by
// the next run. Needs root, iproute2, openssh-server and sudo (and gnome-keyring and dbus for the
// keychain run); skips otherwise.
#include "cluster_env.h"
#include "cluster_fixture.h"
#include "keychain_fixture.h"
#include "modal_helper.h"

#include "board/board_scene.h"
#include "board/node_card.h"
#include "bootstrap/pipeline.h"
#include "bootstrap/steps/connect_step.h"
#include "bootstrap/steps/host_key_step.h"
#include "main_window.h"
#include "setup/add_machines_wizard.h"
#include "setup/auth_page.h"
#include "setup/hosts_page.h"
#include "setup/run_page.h"
#include "setup/secret_store.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QGraphicsSceneContextMenuEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <unistd.h>

namespace cox::console::testing {
namespace {

using bootstrap::testenv::ClusterEnv;

// Chooses `text` in the next popup menu that opens while it lives, the way a user does: the
// action made current, then Return (queued, so the menu's own exec() loop handles it).
class MenuChooser : public QObject {
public:
    explicit MenuChooser(QString text)
        : m_text(std::move(text)) {
        qApp->installEventFilter(this);
    }
    ~MenuChooser() override { qApp->removeEventFilter(this); }
    bool chosen() const { return m_chosen; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        auto *menu = qobject_cast<QMenu *>(watched);
        if (!menu || event->type() != QEvent::Show || m_chosen)
            return false;
        for (QAction *action : menu->actions())
            if (action->text() == m_text) {
                m_chosen = true;
                QTimer::singleShot(0, menu, [menu, action] {
                    menu->setActiveAction(action);
                    QTest::keyClick(menu, Qt::Key_Return);
                });
                return false;
            }
        ADD_FAILURE() << "no menu entry " << m_text.toStdString();
        QTimer::singleShot(0, menu, &QMenu::close);
        return false;
    }

private:
    QString m_text;
    bool m_chosen = false;
};

// Without a keychain (no session bus) the store says so and the login page says secrets are
// asked for each time. Defined before any test that starts the keychain session (here and in
// keychain_test.cpp), so a whole-binary run reaches it before libsecret's connection belongs
// to that session's bus.
TEST(WizardWithoutKeychain, StoreIsUnavailableAndTheLoginPageSaysSecretsAreAskedEachTime) {
    if (KeychainSession::touched())
        GTEST_SKIP() << "a keychain session already owns this process's session bus connection";
    const std::string dir = cox::testing::makeTempDir("console-nobus");
    ScopedBusAddress noBus("unix:path=" + dir + "/no-bus-here");
    SecretStore store;
    AuthPage page(&store);
    EXPECT_TRUE(page.keychainLabel()->text().contains(QStringLiteral("Looking for")));
    store.probe();
    ASSERT_TRUE(
        ClusterFixture::waitFor([&] { return store.state() != SecretStore::State::Probing; }));
    EXPECT_EQ(store.state(), SecretStore::State::Unavailable);
    EXPECT_FALSE(store.problem().isEmpty());
    EXPECT_FALSE(page.rememberBox()->isEnabled());
    EXPECT_FALSE(page.rememberSecrets());
    EXPECT_TRUE(page.keychainLabel()->text().contains(QStringLiteral("not saved")))
        << page.keychainLabel()->text().toStdString();
    EXPECT_TRUE(page.keychainLabel()->text().contains(QStringLiteral("each time")));

    // Reads find nothing and writes fail, at once: nothing waits on a keychain that is not there.
    std::optional<bool> found;
    store.read(SecretStore::Kind::Password, QStringLiteral("u@h:22"),
               [&found](bool f, const QString &) { found = f; });
    EXPECT_EQ(found, false);
    std::optional<bool> written;
    QString error;
    store.write(SecretStore::Kind::Password, QStringLiteral("u@h:22"), QStringLiteral("pw"),
                [&](bool ok, const QString &why) {
                    written = ok;
                    error = why;
                });
    EXPECT_EQ(written, false);
    EXPECT_FALSE(error.isEmpty());
    cox::testing::removeTree(dir);
}

class WizardTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_env = std::make_unique<ClusterEnv>(machines(), 21);
        if (!m_env->problem().empty())
            GTEST_SKIP() << m_env->problem();
        auto &plane = m_env->plane();
        ClusterConnection c;
        c.server = QUrl(QString::fromStdString(plane.serverUrl()));
        c.caPem = QByteArray::fromStdString(plane.caPem());
        c.token = QByteArray::fromStdString(plane.adminToken());
        c.joinToken = QByteArray::fromStdString(plane.joinToken());
        c.name = QStringLiteral("wizard test");
        m_window = std::make_unique<MainWindow>();
        m_window->connectTo(c);
        MachineSetupConfig setup;
        setup.knownHostsPath = QString::fromStdString(m_env->dir() + "/known_hosts");
        setup.agentBinary = QStringLiteral(COX_AGENT_BIN);
        setup.runtime = QStringLiteral("hollow");
        setup.readyTimeout = std::chrono::seconds(60);
        std::map<QString, std::string> roots; // the machines share this filesystem
        for (int i = 0; i < machines(); ++i)
            roots[QString::fromStdString(m_env->netns(i).address())] = m_env->installRoot(i);
        setup.layoutFor = [roots](const MachineEntry &entry) {
            return bootstrap::InstallLayout::underRoot(roots.at(entry.host));
        };
        m_window->setMachineSetup(setup);
        m_window->show();
    }
    virtual int machines() const { return 1; }
    void TearDown() override {
        m_window.reset(); // the wizard (a child) cancels and joins its jobs first
        m_env.reset();
    }

    QString host(int i = 0) const { return QString::fromStdString(m_env->netns(i).address()); }

    // Opens the wizard, fills the machines and the login, and starts the run.
    AddMachinesWizard *startWizard(const QString &machines,
                                   const std::function<void(AuthPage *)> &login) {
        AddMachinesWizard *wizard = m_window->showAddMachines();
        if (!wizard)
            return nullptr;
        wizard->hostsPage()->hostsEdit()->setPlainText(machines);
        wizard->next();
        EXPECT_EQ(wizard->currentPage(), wizard->authPage());
        login(wizard->authPage());
        wizard->next();
        EXPECT_EQ(wizard->currentPage(), wizard->runPage());
        return wizard;
    }

    static QString cell(RunPage *run, int row, int column) {
        auto *item = run->table()->item(row, column);
        return item ? item->text() : QString();
    }

    void trustKeyWhenAsked(RunPage *run) {
        ASSERT_TRUE(
            ClusterFixture::waitFor([run] { return run->hostKeyBar()->isVisibleTo(run); }, 30'000));
        EXPECT_TRUE(run->hostKeyText()->text().contains(
            QString::fromStdString(m_env->sshd(0).fingerprint())))
            << run->hostKeyText()->text().toStdString();
        EXPECT_FALSE(run->isComplete()); // no Finish while a question waits
        QTest::mouseClick(run->trustButton(), Qt::LeftButton);
    }

    // Right click on the node's card, "Remove node…", Yes: the wizard that opens.
    AddMachinesWizard *removeFromContextMenu(const QString &node) {
        NodeCard *card = m_window->boardScene()->card(node);
        if (!card)
            return nullptr;
        MenuChooser chooser(QStringLiteral("Remove node…"));
        whenModal<QMessageBox>([node](QMessageBox *box) {
            EXPECT_TRUE(box->text().contains(node)) << box->text().toStdString();
            box->button(QMessageBox::Yes)->click();
        });
        QGraphicsSceneContextMenuEvent event(QEvent::GraphicsSceneContextMenu);
        event.setScenePos(card->sceneBoundingRect().center());
        event.setScreenPos(QPoint(40, 40));
        event.setReason(QGraphicsSceneContextMenuEvent::Mouse);
        m_window->boardScene()->sendEvent(card, &event);
        EXPECT_TRUE(chooser.chosen());
        for (auto *wizard : m_window->findChildren<AddMachinesWizard *>())
            if (wizard->mode() == AddMachinesWizard::Mode::Remove && wizard->isVisible())
                return wizard;
        return nullptr;
    }

    // Leaves the login page and runs the removal of `node` to its end: the run page, or nullptr
    // (with the failure recorded) when it did not succeed.
    RunPage *runRemoval(AddMachinesWizard *wizard, const QString &node) {
        wizard->next();
        RunPage *run = wizard->runPage();
        if (wizard->currentPage() != run) {
            ADD_FAILURE() << "the run page did not open";
            return nullptr;
        }
        if (!ClusterFixture::waitFor([run] { return run->finished(0); }, 120'000)) {
            ADD_FAILURE() << "the removal did not finish";
            return nullptr;
        }
        EXPECT_TRUE(run->outcome(0).ok) << run->outcome(0).message.toStdString();
        EXPECT_EQ(cell(run, 0, 2), QStringLiteral("Removed node %1").arg(node));
        return run->outcome(0).ok ? run : nullptr;
    }

    // The API as an admin, over the plane's own address (the bridge).
    std::unique_ptr<http::Client> apiClient() {
        http::ClientConfig c;
        if (!http::Client::parseServerUrl(m_env->plane().serverUrl(), c.host, c.port))
            return nullptr;
        c.caPem = m_env->plane().caPem();
        c.bearerToken = m_env->plane().adminToken();
        auto client = http::Client::create(std::move(c));
        return client ? std::make_unique<http::Client>(std::move(*client)) : nullptr;
    }

    bool nodeReadyOnBoard(const QString &name) {
        NodeCard *card = m_window->boardScene()->card(name);
        return card && card->view().ready;
    }

    std::unique_ptr<ClusterEnv> m_env;
    std::unique_ptr<MainWindow> m_window;
};

bool screenshotsWanted() {
    if (qEnvironmentVariableIntValue("COX_WRITE_SCREENSHOT") != 1)
        return false;
    QDir().mkpath(COX_SCREENSHOT_DIR);
    return true;
}

TEST_F(WizardTest, OneMachineJoinsAndShowsReadyOnTheBoard) {
    AddMachinesWizard *wizard = startWizard(host() + " node-0", [this](AuthPage *auth) {
        auth->setMethod(AuthPage::Method::KeyFile);
        auth->keyFileEdit()->setText(QString::fromStdString(m_env->clientKey()));
    });
    ASSERT_TRUE(wizard);
    RunPage *run = wizard->runPage();
    ASSERT_EQ(run->machineCount(), 1);
    trustKeyWhenAsked(run);
    ASSERT_TRUE(ClusterFixture::waitFor([run] { return run->finished(0); }, 120'000));
    ASSERT_TRUE(run->outcome(0).ok) << run->outcome(0).message.toStdString();
    EXPECT_EQ(cell(run, 0, 2), QStringLiteral("Ready as node node-0"));
    EXPECT_FALSE(run->retryButton(0)->isEnabled());
    const QString log = run->log()->toPlainText();
    for (const char *step : {"connect", "host-key", "authenticate", "upload", "service", "ready"})
        EXPECT_TRUE(log.contains(QStringLiteral("] %1 …").arg(QLatin1String(step)))) << step;
    EXPECT_TRUE(run->isComplete());
    EXPECT_TRUE(wizard->button(QWizard::FinishButton)->isEnabled());
    EXPECT_TRUE(m_env->nodeReady("node-0")); // through the API
    EXPECT_TRUE(ClusterFixture::waitFor([this] { return nodeReadyOnBoard("node-0"); }));

    // Offscreen there is no keychain: the page says secrets are asked each time, and nothing
    // is offered for remembering.
    AuthPage *auth = wizard->authPage();
    if (wizard->secrets()->state() == SecretStore::State::Unavailable) {
        EXPECT_TRUE(auth->keychainLabel()->text().contains(QStringLiteral("not saved")));
        EXPECT_FALSE(auth->rememberBox()->isEnabled());
    }
    if (screenshotsWanted()) {
        wizard->resize(760, 560);
        QApplication::processEvents();
        EXPECT_TRUE(wizard->grab().save(QStringLiteral(COX_SCREENSHOT_DIR "/add-machines.png")));
    }
}

TEST_F(WizardTest, AChangedHostKeyIsRefusedAndNothingRuns) {
    // First contact recorded the machine's key in the console's known_hosts...
    bootstrap::MachineSpec spec = m_env->machine(0);
    bootstrap::BootstrapOptions options = m_env->options();
    options.knownHostsPath = m_env->dir() + "/known_hosts";
    std::vector<std::unique_ptr<bootstrap::Step>> firstContact;
    firstContact.push_back(std::make_unique<bootstrap::ConnectStep>());
    firstContact.push_back(std::make_unique<bootstrap::HostKeyStep>());
    ASSERT_TRUE(bootstrap::Pipeline::run(firstContact, spec, options, {}).ok);
    // ...then the machine was "reinstalled" (or someone is in the middle).
    m_env->sshd(0).stop();
    ASSERT_TRUE(m_env->sshd(0).regenerateHostKey());
    ASSERT_TRUE(m_env->sshd(0).start());

    AddMachinesWizard *wizard =
        startWizard(QStringLiteral("nobody@") + host() + " node-0", [](AuthPage *auth) {
            auth->setMethod(AuthPage::Method::Password);
            auth->passwordEdit()->setText(QStringLiteral("a-secret-never-sent"));
        });
    ASSERT_TRUE(wizard);
    RunPage *run = wizard->runPage();
    ASSERT_TRUE(ClusterFixture::waitFor([run] { return run->finished(0); }, 60'000));
    const MachineOutcome &o = run->outcome(0);
    ASSERT_FALSE(o.ok);
    EXPECT_EQ(o.failedStep, QStringLiteral("host-key"));
    EXPECT_EQ(cell(run, 0, 2), QStringLiteral("Failed at step host-key"));
    const QString detail = run->detail()->text();
    EXPECT_TRUE(detail.contains(QStringLiteral("host key changed"))) << detail.toStdString();
    EXPECT_TRUE(detail.contains(QString::fromStdString(m_env->sshd(0).fingerprint())));
    EXPECT_TRUE(detail.contains(QStringLiteral("reinstalled")));
    EXPECT_FALSE(run->hostKeyBar()->isVisibleTo(run)); // a changed key is never offered
    EXPECT_TRUE(run->retryButton(0)->isEnabled());
    const std::string sshdLog = m_env->sshd(0).log();
    EXPECT_EQ(sshdLog.find("password"), std::string::npos) << sshdLog; // no login attempted
    EXPECT_EQ(sshdLog.find("Accepted"), std::string::npos) << sshdLog;
    EXPECT_FALSE(std::filesystem::exists(m_env->installRoot(0))); // no command ran
    EXPECT_FALSE(m_env->nodeExists("node-0"));
}

TEST_F(WizardTest, AWrongPasswordShowsTheErrorAndRetryWithTheRightOneJoins) {
    bootstrap::testenv::TestUser user("coxcw" + std::to_string(getpid() % 100000), "Right-Pa55",
                                      "NOPASSWD");
    ASSERT_TRUE(user.ok());
    const QString login = QString::fromStdString(user.name()) + QLatin1Char('@') + host();
    AddMachinesWizard *wizard = startWizard(login + " node-0", [](AuthPage *auth) {
        auth->setMethod(AuthPage::Method::Password);
        auth->passwordEdit()->setText(QStringLiteral("Wrong-Pa55"));
    });
    ASSERT_TRUE(wizard);
    RunPage *run = wizard->runPage();
    trustKeyWhenAsked(run);
    ASSERT_TRUE(ClusterFixture::waitFor([run] { return run->finished(0); }, 60'000));
    ASSERT_FALSE(run->outcome(0).ok);
    EXPECT_EQ(run->outcome(0).failedStep, QStringLiteral("authenticate"));
    EXPECT_EQ(cell(run, 0, 2), QStringLiteral("Failed at step authenticate"));
    const QString detail = run->detail()->text();
    EXPECT_TRUE(detail.contains(QStringLiteral("was not accepted"))) << detail.toStdString();
    EXPECT_TRUE(detail.contains(QStringLiteral("What to do: check the user name and the password")))
        << detail.toStdString();
    EXPECT_FALSE(detail.contains(QStringLiteral("Wrong-Pa55"))); // secrets are never shown
    ASSERT_TRUE(run->retryButton(0)->isEnabled());
    EXPECT_TRUE(run->isComplete()); // the wizard may be closed, or the machine retried

    // Retry asks for the password again (it was the refused secret); the right one joins.
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("Right-Pa55"));
        dialog->accept();
    });
    QTest::mouseClick(run->retryButton(0), Qt::LeftButton);
    ASSERT_TRUE(ClusterFixture::waitFor([run] { return run->finished(0); }, 120'000));
    ASSERT_TRUE(run->outcome(0).ok) << run->outcome(0).message.toStdString();
    EXPECT_FALSE(run->hostKeyBar()->isVisibleTo(run)); // the key is known now
    EXPECT_TRUE(ClusterFixture::waitFor([this] { return nodeReadyOnBoard("node-0"); }));
    // Secrets never reach settings files (only the keychain, and there is none offscreen).
    QSettings settings;
    settings.sync();
    for (const QString &key : settings.allKeys())
        EXPECT_FALSE(settings.value(key).toString().contains(QStringLiteral("Pa55")))
            << key.toStdString();
    QFile file(settings.fileName());
    if (file.open(QIODevice::ReadOnly)) {
        EXPECT_FALSE(file.readAll().contains("Pa55"));
    }
}

TEST_F(WizardTest, RemoveNodeFromItsContextMenuDrainsUninstallsAndDeletesIt) {
    const bootstrap::MachineSpec spec = m_env->machine(0);
    bootstrap::BootstrapOptions options = m_env->options(); // the same known_hosts file
    bootstrap::MachineResult added = bootstrap::Pipeline::add(spec, options);
    ASSERT_TRUE(added.ok) << added.status().message();
    ASSERT_TRUE(ClusterFixture::waitFor([this] { return nodeReadyOnBoard("node-0"); }));
    const int agentPid = bootstrap::testenv::pidFromFile(spec.layout.agentPidFile());
    ASSERT_TRUE(bootstrap::testenv::processAlive(agentPid));

    // A pod on the node for the drain to evict.
    std::unique_ptr<http::Client> api = apiClient();
    ASSERT_TRUE(api);
    const std::string podPath = "/api/v1/namespaces/default/pods/evictee";
    const auto created = api->request(
        "POST", "/api/v1/namespaces/default/pods",
        R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"evictee","namespace":"default"},)"
        R"("spec":{"nodeName":"node-0","containers":[{"name":"c","image":"busybox"}]}})",
        {{"Content-Type", "application/json"}});
    ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");

    // "No" changes nothing.
    whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::No)->click(); });
    EXPECT_EQ(m_window->removeNode(QStringLiteral("node-0")), nullptr);
    EXPECT_TRUE(m_env->nodeExists("node-0"));

    // "Yes" from the card's context menu opens the wizard in Remove mode.
    AddMachinesWizard *wizard = removeFromContextMenu(QStringLiteral("node-0"));
    ASSERT_TRUE(wizard);
    EXPECT_EQ(wizard->mode(), AddMachinesWizard::Mode::Remove);
    // The machine is found at the node's address.
    EXPECT_EQ(wizard->hostsPage()->hostsEdit()->toPlainText(), host() + " node-0");
    wizard->next();
    wizard->authPage()->setMethod(AuthPage::Method::KeyFile);
    wizard->authPage()->keyFileEdit()->setText(QString::fromStdString(m_env->clientKey()));
    RunPage *run = runRemoval(wizard, QStringLiteral("node-0"));
    ASSERT_TRUE(run);
    EXPECT_FALSE(run->hostKeyBar()->isVisibleTo(run)); // known from the add
    EXPECT_TRUE(run->log()->toPlainText().contains(QStringLiteral("drain")));
    const auto evicted = api->request("GET", podPath, "", {});
    ASSERT_TRUE(evicted);
    EXPECT_EQ(evicted->status, 404) << evicted->body; // the drain waits until no pod is left
    EXPECT_FALSE(m_env->nodeExists("node-0"));
    EXPECT_FALSE(std::filesystem::exists(spec.layout.binaryPath()));
    EXPECT_TRUE(ClusterFixture::waitFor(
        [agentPid] { return !bootstrap::testenv::processAlive(agentPid); }, 30'000));
    EXPECT_TRUE(ClusterFixture::waitFor(
        [this] { return m_window->boardScene()->card(QStringLiteral("node-0")) == nullptr; }));
}

// "Remember" with a real keychain: the password goes to the Secret Service and to no file of
// the console's, and the next run for that machine (removing its node) logs in with it
// without the user typing it.
TEST_F(WizardTest, ARememberedPasswordLivesOnlyInTheKeychainAndTheNextRunUsesIt) {
    KeychainSession &keychain = KeychainSession::instance();
    if (!keychain.ok())
        GTEST_SKIP() << keychain.problem();
    const std::string password = "Kc-Pa55-" + std::to_string(getpid());
    bootstrap::testenv::TestUser user("coxkc" + std::to_string(getpid() % 100000), password,
                                      "NOPASSWD");
    ASSERT_TRUE(user.ok());
    const QString login = QString::fromStdString(user.name()) + QLatin1Char('@') + host();
    AddMachinesWizard *wizard = startWizard(login + " node-0", [&](AuthPage *auth) {
        ASSERT_TRUE(ClusterFixture::waitFor([auth] { return auth->rememberBox()->isEnabled(); }))
            << auth->keychainLabel()->text().toStdString();
        EXPECT_TRUE(auth->keychainLabel()->text().contains(QStringLiteral("never in settings")));
        EXPECT_TRUE(auth->passwordEdit()->text().isEmpty()); // nothing remembered yet
        auth->setMethod(AuthPage::Method::Password);
        auth->passwordEdit()->setText(QString::fromStdString(password));
        auth->rememberBox()->setChecked(true);
    });
    ASSERT_TRUE(wizard);
    RunPage *run = wizard->runPage();
    trustKeyWhenAsked(run);
    ASSERT_TRUE(ClusterFixture::waitFor([run] { return run->finished(0); }, 120'000));
    ASSERT_TRUE(run->outcome(0).ok) << run->outcome(0).message.toStdString();
    const QString machine = wizard->machineLabel(0);
    EXPECT_EQ(machine, login + QStringLiteral(":22"));

    // The keychain's own view: the entry QtKeychain wrote for this machine.
    const std::string account =
        SecretStore::account(SecretStore::Kind::Password, machine).toStdString();
    // (QtKeychain's jobs run on the event loop: wait with it turning.)
    ASSERT_TRUE(ClusterFixture::waitFor([&] {
        return keychain.lookup("coxswain", account) == password;
    })) << account;
    // ...and in no file of the console's: its settings and everything under the test-mode
    // home of QStandardPaths (config, data, cache), nor the test's own dir (known_hosts).
    QSettings settings;
    settings.sync();
    std::vector<std::string> dirs = {QFileInfo(settings.fileName()).absolutePath().toStdString(),
                                     QDir::homePath().toStdString() + "/.qttest", m_env->dir()};
    for (auto location : {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
                          QStandardPaths::CacheLocation, QStandardPaths::GenericConfigLocation})
        dirs.push_back(QStandardPaths::writableLocation(location).toStdString());
    for (const std::string &dir : dirs)
        for (const std::string &file : filesContaining(dir, password))
            ADD_FAILURE() << "the password is in " << file;
    wizard->close();

    // The next run: removing the node. The login page fills the password from the keychain
    // and selects it; nobody types it and nothing asks for it.
    AddMachinesWizard *remove = removeFromContextMenu(QStringLiteral("node-0"));
    ASSERT_TRUE(remove);
    remove->hostsPage()->userEdit()->setText(QString::fromStdString(user.name()));
    remove->next();
    AuthPage *auth = remove->authPage();
    ASSERT_EQ(remove->currentPage(), auth);
    ASSERT_TRUE(ClusterFixture::waitFor([&] {
        return auth->passwordEdit()->text() == QString::fromStdString(password);
    })) << auth->keychainLabel()->text().toStdString();
    EXPECT_EQ(auth->method(), AuthPage::Method::Password);
    EXPECT_TRUE(auth->rememberSecrets());
    ASSERT_TRUE(runRemoval(remove, QStringLiteral("node-0")));
    EXPECT_FALSE(m_env->nodeExists("node-0"));
    // "Remember" was ticked with the filled password, so success wrote it again: replaced, not
    // added - still one entry, still the password.
    EXPECT_EQ(keychain.lookup("coxswain", account), password);
    const auto search = cox::testing::runCommand(
        {"secret-tool", "search", "--all", "server", "coxswain", "user", account},
        {{"DBUS_SESSION_BUS_ADDRESS", keychain.busAddress()}});
    // One "[/path]" line per entry on stdout (which also shows the secret: not printed here).
    EXPECT_EQ(std::count(search.out.begin(), search.out.end(), '['), 1);
    // Clean up: the keychain outlives this test (one per process).
    bool deleted = false;
    remove->secrets()->write(SecretStore::Kind::Password, machine, QString(),
                             [&deleted](bool, const QString &) { deleted = true; });
    EXPECT_TRUE(ClusterFixture::waitFor([&] { return deleted; }));
}

class TwoMachineWizardTest : public WizardTest {
protected:
    int machines() const override { return 2; }
};

TEST_F(TwoMachineWizardTest, BothMachinesRunAtOnceEachWithItsOwnKeyQuestionAndRow) {
    AddMachinesWizard *wizard =
        startWizard(host(0) + " node-0\n" + host(1) + " node-1", [this](AuthPage *auth) {
            auth->keyFileEdit()->setText(QString::fromStdString(m_env->clientKey()));
        });
    ASSERT_TRUE(wizard);
    RunPage *run = wizard->runPage();
    ASSERT_EQ(run->machineCount(), 2);
    // Both are asked about; each question names its machine and that machine's key.
    QSet<QString> asked;
    for (int answered = 0; answered < 2; ++answered) {
        ASSERT_TRUE(
            ClusterFixture::waitFor([run] { return run->hostKeyBar()->isVisibleTo(run); }, 30'000));
        const QString text = run->hostKeyText()->text();
        const int i = text.contains(host(1) + ":22") ? 1 : 0;
        EXPECT_TRUE(text.contains(QString::fromStdString(m_env->sshd(i).fingerprint())));
        asked.insert(host(i));
        QTest::mouseClick(run->trustButton(), Qt::LeftButton);
    }
    EXPECT_EQ(asked.size(), 2);
    ASSERT_TRUE(
        ClusterFixture::waitFor([run] { return run->finished(0) && run->finished(1); }, 180'000));
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(run->outcome(i).ok) << run->outcome(i).message.toStdString();
        EXPECT_EQ(cell(run, i, 2), QStringLiteral("Ready as node node-%1").arg(i));
    }
    EXPECT_TRUE(ClusterFixture::waitFor(
        [this] { return nodeReadyOnBoard("node-0") && nodeReadyOnBoard("node-1"); }));
}

} // namespace
} // namespace cox::console::testing
