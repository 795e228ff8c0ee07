// The add-machines wizard for real: an in-process control plane on a test bridge, sshd
// "machines" in network namespaces (tests/bootstrap's ClusterEnv), the real coxswain-agent
// (hollow runtime) uploaded and started by the wizard's pipeline runs. Needs root, iproute2,
// openssh-server and sudo; skips otherwise.
#include "cluster_env.h"
#include "cluster_fixture.h"
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
#include <QFrame>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTableWidget>
#include <QTest>

#include <filesystem>
#include <map>
#include <unistd.h>

namespace cox::console::testing {
namespace {

using bootstrap::testenv::ClusterEnv;

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
    if (file.open(QIODevice::ReadOnly))
        EXPECT_FALSE(file.readAll().contains("Pa55"));
}

TEST_F(WizardTest, RemoveNodeFromTheBoardDrainsUninstallsAndDeletesIt) {
    const bootstrap::MachineSpec spec = m_env->machine(0);
    bootstrap::BootstrapOptions options = m_env->options(); // the same known_hosts file
    bootstrap::MachineResult added = bootstrap::Pipeline::add(spec, options);
    ASSERT_TRUE(added.ok) << added.status().message();
    ASSERT_TRUE(ClusterFixture::waitFor([this] { return nodeReadyOnBoard("node-0"); }));
    const int agentPid = bootstrap::testenv::pidFromFile(spec.layout.agentPidFile());
    ASSERT_TRUE(bootstrap::testenv::processAlive(agentPid));

    // "No" changes nothing.
    whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::No)->click(); });
    EXPECT_EQ(m_window->removeNode(QStringLiteral("node-0")), nullptr);
    EXPECT_TRUE(m_env->nodeExists("node-0"));

    whenModal<QMessageBox>([](QMessageBox *box) {
        EXPECT_TRUE(box->text().contains(QStringLiteral("node-0")));
        box->button(QMessageBox::Yes)->click();
    });
    AddMachinesWizard *wizard = m_window->removeNode(QStringLiteral("node-0"));
    ASSERT_TRUE(wizard);
    EXPECT_EQ(wizard->mode(), AddMachinesWizard::Mode::Remove);
    // The machine is found at the node's address.
    EXPECT_EQ(wizard->hostsPage()->hostsEdit()->toPlainText(), host() + " node-0");
    wizard->next();
    wizard->authPage()->setMethod(AuthPage::Method::KeyFile);
    wizard->authPage()->keyFileEdit()->setText(QString::fromStdString(m_env->clientKey()));
    wizard->next();
    RunPage *run = wizard->runPage();
    ASSERT_EQ(wizard->currentPage(), run);
    ASSERT_TRUE(ClusterFixture::waitFor([run] { return run->finished(0); }, 120'000));
    ASSERT_TRUE(run->outcome(0).ok) << run->outcome(0).message.toStdString();
    EXPECT_EQ(cell(run, 0, 2), QStringLiteral("Removed node node-0"));
    EXPECT_FALSE(run->hostKeyBar()->isVisibleTo(run)); // known from the add
    EXPECT_TRUE(run->log()->toPlainText().contains(QStringLiteral("drain")));
    EXPECT_FALSE(m_env->nodeExists("node-0"));
    EXPECT_FALSE(std::filesystem::exists(spec.layout.binaryPath()));
    EXPECT_TRUE(ClusterFixture::waitFor(
        [agentPid] { return !bootstrap::testenv::processAlive(agentPid); }, 30'000));
    EXPECT_TRUE(ClusterFixture::waitFor(
        [this] { return m_window->boardScene()->card(QStringLiteral("node-0")) == nullptr; }));
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
