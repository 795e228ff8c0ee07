// SecretStore against a real keychain (KeychainSession: gnome-keyring's Secret Service on a
// private D-Bus session bus) and without one. With it: the probe finds it, a secret written is
// read back, overwritten, deleted, and the keychain's own view (secret-tool) agrees each time;
// the keyring file on disk never holds the secret in clear; the login page fills remembered
// secrets. The wizard without a keychain and its "remember" run over SSH are in wizard_test.cpp.
#include "keychain_fixture.h"

#include "process.h"
#include "setup/auth_page.h"
#include "setup/secret_store.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <tuple>
#include <unistd.h>

namespace cox::console::testing {

namespace {

using Kind = SecretStore::Kind;

constexpr int kWaitMs = 20'000;

bool probed(SecretStore &store) {
    store.probe();
    return QTest::qWaitFor([&] { return store.state() != SecretStore::State::Probing; }, kWaitMs);
}

struct ReadOutcome {
    bool done = false;
    bool found = false;
    QString secret;
};

ReadOutcome readNow(SecretStore &store, Kind kind, const QString &machine) {
    auto outcome = std::make_shared<ReadOutcome>();
    store.read(kind, machine, [outcome](bool found, const QString &secret) {
        *outcome = {true, found, secret};
    });
    EXPECT_TRUE(QTest::qWaitFor([&] { return outcome->done; }, kWaitMs)) << "no answer";
    return *outcome;
}

// {finished, ok, error}
std::tuple<bool, bool, QString> writeNow(SecretStore &store, Kind kind, const QString &machine,
                                         const QString &secret) {
    auto outcome = std::make_shared<std::tuple<bool, bool, QString>>();
    store.write(kind, machine, secret, [outcome](bool ok, const QString &error) {
        *outcome = {true, ok, error};
    });
    EXPECT_TRUE(QTest::qWaitFor([&] { return std::get<0>(*outcome); }, kWaitMs)) << "no answer";
    return *outcome;
}

class KeychainTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_keychain = &KeychainSession::instance();
        if (!m_keychain->ok())
            GTEST_SKIP() << m_keychain->problem();
        // Tests share the process's keychain: each gets machines of its own.
        static std::atomic<int> counter{0};
        m_machine = QStringLiteral("kc%1-%2@192.0.2.7:22").arg(getpid()).arg(++counter);
        ASSERT_TRUE(probed(m_store));
        ASSERT_EQ(m_store.state(), SecretStore::State::Available)
            << m_store.problem().toStdString();
    }
    void TearDown() override {
        if (m_store.state() == SecretStore::State::Available)
            for (Kind kind : {Kind::Password, Kind::Passphrase, Kind::SudoPassword})
                writeNow(m_store, kind, m_machine, QString());
    }

    std::optional<std::string> keychainView(Kind kind) const {
        return m_keychain->lookup("coxswain", SecretStore::account(kind, m_machine).toStdString());
    }

    KeychainSession *m_keychain = nullptr;
    SecretStore m_store;
    QString m_machine;
};

TEST_F(KeychainTest, ProbeFindsItAndTheLoginPageOffersToRemember) {
    AuthPage page(&m_store);
    EXPECT_TRUE(page.rememberBox()->isEnabled());
    EXPECT_FALSE(page.rememberSecrets()); // remembering is the user's choice
    EXPECT_TRUE(page.keychainLabel()->text().contains(QStringLiteral("never in settings files")))
        << page.keychainLabel()->text().toStdString();
    page.rememberBox()->setChecked(true);
    EXPECT_TRUE(page.rememberSecrets());
}

TEST_F(KeychainTest, AWrittenSecretIsReadBackAndTheKeychainHoldsItEncrypted) {
    const QString secret = QStringLiteral("Kc-written-%1").arg(getpid());
    EXPECT_FALSE(readNow(m_store, Kind::Password, m_machine).found);
    const auto [finished, ok, error] = writeNow(m_store, Kind::Password, m_machine, secret);
    ASSERT_TRUE(finished);
    ASSERT_TRUE(ok) << error.toStdString();

    const ReadOutcome read = readNow(m_store, Kind::Password, m_machine);
    ASSERT_TRUE(read.found);
    EXPECT_EQ(read.secret, secret);
    EXPECT_EQ(keychainView(Kind::Password), secret.toStdString());
    // Each kind is its own entry.
    EXPECT_FALSE(readNow(m_store, Kind::SudoPassword, m_machine).found);
    EXPECT_FALSE(keychainView(Kind::SudoPassword).has_value());
    // gnome-keyring wrote the login keyring to disk, and not in clear.
    EXPECT_TRUE(std::filesystem::exists(m_keychain->keyringDir() + "/login.keyring"));
    EXPECT_TRUE(filesContaining(m_keychain->keyringDir(), secret.toStdString()).empty());
}

TEST_F(KeychainTest, WritingAgainReplacesTheSecret) {
    ASSERT_TRUE(std::get<1>(writeNow(m_store, Kind::Passphrase, m_machine, "first-phrase")));
    ASSERT_TRUE(std::get<1>(writeNow(m_store, Kind::Passphrase, m_machine, "second-phrase")));
    const ReadOutcome read = readNow(m_store, Kind::Passphrase, m_machine);
    ASSERT_TRUE(read.found);
    EXPECT_EQ(read.secret, QStringLiteral("second-phrase"));
    EXPECT_EQ(keychainView(Kind::Passphrase), std::string("second-phrase"));
}

TEST_F(KeychainTest, AnEmptySecretDeletesTheEntry) {
    ASSERT_TRUE(std::get<1>(writeNow(m_store, Kind::SudoPassword, m_machine, "sudo-secret")));
    ASSERT_EQ(keychainView(Kind::SudoPassword), std::string("sudo-secret"));
    const auto [finished, ok, error] = writeNow(m_store, Kind::SudoPassword, m_machine, QString());
    ASSERT_TRUE(finished);
    EXPECT_TRUE(ok) << error.toStdString();
    EXPECT_FALSE(readNow(m_store, Kind::SudoPassword, m_machine).found);
    EXPECT_FALSE(keychainView(Kind::SudoPassword).has_value());
    // Deleting what is not there is not an error (a user unticking "remember" twice).
    EXPECT_TRUE(std::get<1>(writeNow(m_store, Kind::SudoPassword, m_machine, QString())));
}

TEST_F(KeychainTest, TheLoginPageFillsRememberedSecretsAndSwitchesToPassword) {
    ASSERT_TRUE(std::get<1>(writeNow(m_store, Kind::Password, m_machine, "remembered-pw")));
    ASSERT_TRUE(std::get<1>(writeNow(m_store, Kind::SudoPassword, m_machine, "remembered-sudo")));
    AuthPage page(&m_store);
    ASSERT_EQ(page.method(), AuthPage::Method::KeyFile); // the default
    page.prefillFrom(m_machine);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return page.passwordEdit()->text() == QStringLiteral("remembered-pw"); }, kWaitMs));
    EXPECT_EQ(page.method(), AuthPage::Method::Password);
    EXPECT_TRUE(page.rememberSecrets()); // remembered before: kept up to date
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return page.sudoPasswordEdit()->text() == QStringLiteral("remembered-sudo"); },
        kWaitMs));
    EXPECT_TRUE(page.passphraseEdit()->text().isEmpty());

    // What the user typed or chose wins over the keychain.
    AuthPage typed(&m_store);
    typed.setMethod(AuthPage::Method::Agent);
    typed.sudoPasswordEdit()->setText(QStringLiteral("typed-sudo"));
    typed.prefillFrom(m_machine);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return typed.passwordEdit()->text() == QStringLiteral("remembered-pw"); }, kWaitMs));
    EXPECT_EQ(typed.method(), AuthPage::Method::Agent);
    EXPECT_EQ(typed.sudoPasswordEdit()->text(), QStringLiteral("typed-sudo"));
}

} // namespace
} // namespace cox::console::testing
