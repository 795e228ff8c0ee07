// SshSession, KnownHosts and the SFTP upload against real OpenSSH servers in network namespaces.
#include "bootstrap/known_hosts.h"
#include "bootstrap/sftp_upload.h"
#include "bootstrap/ssh_session.h"
#include "ssh_test_env.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace cox::bootstrap {
namespace {
using namespace std::chrono_literals;
using cox::testing::TestBridge;
using cox::testing::TestMachine;

class SshSessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (auto why = testenv::missingPrerequisite(); !why.empty())
            GTEST_SKIP() << why;
        m_dir = cox::testing::makeTempDir("cox-ssh");
        m_bridge = std::make_unique<TestBridge>(1);
        m_machine = std::make_unique<TestMachine>(*m_bridge, 2);
        ASSERT_TRUE(m_machine->ok());
        m_sshd = std::make_unique<testenv::TestSshd>(*m_machine, m_dir + "/sshd");
        m_key = m_dir + "/id_ed25519";
        cox::testing::writeFile(m_sshd->authorizedKeys(), testenv::makeClientKey(m_key));
        ASSERT_TRUE(m_sshd->start());
    }
    void TearDown() override {
        if (m_machine)
            testenv::killNamespaceProcesses(*m_machine);
        m_sshd.reset();
        m_machine.reset();
        m_bridge.reset();
        if (!m_dir.empty())
            cox::testing::removeTree(m_dir);
    }
    ConnectOptions target(const std::string &user = "root") const {
        ConnectOptions o;
        o.host = m_machine->address();
        o.user = user;
        o.timeout = 5s;
        return o;
    }
    Credentials keyCredentials() const {
        Credentials c;
        c.keyFile = m_key;
        return c;
    }

    std::string m_dir, m_key;
    std::unique_ptr<TestBridge> m_bridge;
    std::unique_ptr<TestMachine> m_machine;
    std::unique_ptr<testenv::TestSshd> m_sshd;
};

TEST_F(SshSessionTest, HostKeyFingerprintMatchesOpenSsh) {
    auto session = SshSession::connect(target());
    ASSERT_TRUE(session) << session.status().message();
    auto key = (*session)->hostKey();
    ASSERT_TRUE(key) << key.status().message();
    EXPECT_EQ(key->type, "ssh-ed25519");
    EXPECT_EQ(key->fingerprint, m_sshd->fingerprint());
    EXPECT_EQ(KnownHosts::fingerprintOf(key->base64), key->fingerprint);
    EXPECT_EQ((*session)->localAddress(), m_bridge->hostAddress());
}

TEST_F(SshSessionTest, KeyAuthRunsCommandsWithStdinAndExitCodes) {
    auto session = SshSession::connect(target());
    ASSERT_TRUE(session);
    ASSERT_TRUE((*session)->authenticate(keyCredentials()));
    std::vector<std::string> lines;
    auto r = (*session)->exec("echo out; echo err >&2; cat; exit 3", "from stdin\n", 10s,
                              CancelToken(), [&](const std::string &l) { lines.push_back(l); });
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->exitCode, 3);
    EXPECT_EQ(r->out, "out\nfrom stdin\n");
    EXPECT_EQ(r->err, "err\n");
    EXPECT_EQ(lines.size(), 3u);
    auto big = (*session)->exec("wc -c", std::string(300000, 'x'), 10s, CancelToken());
    ASSERT_TRUE(big);
    EXPECT_EQ(big->out, "300000\n");
}

TEST_F(SshSessionTest, EncryptedKeyNeedsItsPassphrase) {
    const std::string key = m_dir + "/enc_key";
    cox::testing::writeFile(m_sshd->authorizedKeys(), testenv::makeClientKey(key, "s3cret pass"));
    Credentials c;
    c.keyFile = key;
    c.keyPassphrase = "wrong";
    auto session = SshSession::connect(target());
    ASSERT_TRUE(session);
    Status s = (*session)->authenticate(c);
    EXPECT_EQ(s.code(), StatusCode::Unauthorized);
    EXPECT_NE(s.message().find("passphrase is wrong"), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find("s3cret"), std::string::npos);

    c.keyPassphrase = "s3cret pass";
    auto again = SshSession::connect(target());
    ASSERT_TRUE(again);
    EXPECT_TRUE((*again)->authenticate(c));
}

TEST_F(SshSessionTest, PasswordAuthAndAClearErrorForAWrongPassword) {
    testenv::TestUser user("coxbt" + std::to_string(getpid() % 100000), "Pa55-word", "");
    ASSERT_TRUE(user.ok());
    Credentials c;
    c.user = user.name();
    c.password = "not-the-password";
    auto session = SshSession::connect(target(user.name()));
    ASSERT_TRUE(session);
    Status s = (*session)->authenticate(c);
    EXPECT_EQ(s.code(), StatusCode::Unauthorized);
    EXPECT_NE(s.message().find("tried password"), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find("not-the-password"), std::string::npos);

    c.password = user.password();
    auto good = SshSession::connect(target(user.name()));
    ASSERT_TRUE(good);
    ASSERT_TRUE((*good)->authenticate(c));
    auto r = (*good)->exec("id -un", {}, 10s, CancelToken());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->out, user.name() + "\n");
}

TEST_F(SshSessionTest, SshAgentLoginUsesTheAgentsKeysOnly) {
    // A private ssh-agent on its own socket, holding the authorized key.
    const std::string socket = m_dir + "/agent.sock";
    cox::testing::ChildProcess agent;
    ASSERT_TRUE(agent.start({"ssh-agent", "-D", "-a", socket}, {}, m_dir + "/agent.log"));
    ASSERT_TRUE(cox::testing::waitUntil([&] { return std::filesystem::exists(socket); }, 10s));
    // Unset on every way out, so a failed assertion cannot leak the agent into later tests.
    struct AuthSock {
        explicit AuthSock(const std::string &path) { ::setenv("SSH_AUTH_SOCK", path.c_str(), 1); }
        ~AuthSock() { ::unsetenv("SSH_AUTH_SOCK"); }
    } authSock(socket);
    Credentials c;
    c.useAgent = true;
    auto empty = SshSession::connect(target());
    ASSERT_TRUE(empty);
    Status refused = (*empty)->authenticate(c);
    EXPECT_EQ(refused.code(), StatusCode::Unauthorized);
    EXPECT_NE(refused.message().find("tried ssh-agent"), std::string::npos) << refused.message();

    ASSERT_EQ(cox::testing::runCommand({"ssh-add", m_key}, {{"SSH_AUTH_SOCK", socket}}).exitCode,
              0);
    auto session = SshSession::connect(target());
    ASSERT_TRUE(session);
    Status s = (*session)->authenticate(c);
    ASSERT_TRUE(s) << s.message();
    auto r = (*session)->exec("echo agent", {}, 10s, CancelToken());
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->out, "agent\n");
}

TEST_F(SshSessionTest, KeyboardInteractiveLoginThroughPam) {
    // Only keyboard-interactive offered (PAM asks "Password:"), as on hardened servers.
    testenv::TestUser user("coxki" + std::to_string(getpid() % 100000), "Kb-1nteractive", "");
    ASSERT_TRUE(user.ok());
    m_sshd->stop();
    ASSERT_TRUE(m_sshd->start("ed25519", "UsePAM yes\nKbdInteractiveAuthentication yes\n"
                                         "PasswordAuthentication no\n"));
    Credentials c;
    c.user = user.name();
    c.password = "wrong";
    auto bad = SshSession::connect(target(user.name()));
    ASSERT_TRUE(bad);
    Status refused = (*bad)->authenticate(c);
    EXPECT_EQ(refused.code(), StatusCode::Unauthorized);
    EXPECT_NE(refused.message().find("tried keyboard-interactive"), std::string::npos)
        << refused.message();

    c.password = user.password();
    auto session = SshSession::connect(target(user.name()));
    ASSERT_TRUE(session);
    Status s = (*session)->authenticate(c);
    ASSERT_TRUE(s) << s.message() << "\n" << m_sshd->log();
    auto r = (*session)->exec("id -un", {}, 10s, CancelToken());
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->out, user.name() + "\n");
}

TEST_F(SshSessionTest, ConnectsOverIpv6) {
    // An IPv6 address on the test LAN (nodad: usable at once), served by a second sshd.
    const std::string v6 = "fd00:c0c5:" + std::to_string(getpid() % 9000 + 1000) + "::";
    ASSERT_EQ(cox::testing::runCommand(
                  {"ip", "addr", "add", v6 + "1/64", "dev", m_bridge->hostInterface(), "nodad"})
                  .exitCode,
              0);
    ASSERT_EQ(m_machine->run({"ip", "addr", "add", v6 + "2/64", "dev", "eth0", "nodad"}).exitCode,
              0);
    m_sshd->stop();
    ASSERT_TRUE(m_sshd->start("ed25519", "ListenAddress [" + v6 + "2]:2222\n"));
    ConnectOptions o = target();
    o.host = v6 + "2";
    o.port = 2222;
    auto session = SshSession::connect(o);
    ASSERT_TRUE(session) << session.status().message();
    EXPECT_EQ((*session)->localAddress(), v6 + "1");
    ASSERT_TRUE((*session)->authenticate(keyCredentials()));
    auto r = (*session)->exec("echo v6", {}, 10s, CancelToken());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->out, "v6\n");
    EXPECT_EQ(KnownHosts::hostEntryName(o.host, o.port), "[" + v6 + "2]:2222");
}

TEST_F(SshSessionTest, UnreachableHostFailsWithinTheTimeout) {
    ConnectOptions o = target();
    o.port = 2222; // nothing listens there
    auto session = SshSession::connect(o);
    ASSERT_FALSE(session);
    EXPECT_NE(session.status().message().find("port 2222"), std::string::npos);
}

TEST_F(SshSessionTest, CancelStopsARunningCommand) {
    auto session = SshSession::connect(target());
    ASSERT_TRUE(session);
    ASSERT_TRUE((*session)->authenticate(keyCredentials()));
    CancelToken cancel;
    std::thread canceller([&] {
        std::this_thread::sleep_for(300ms);
        cancel.cancel();
    });
    auto r = (*session)->exec("sleep 30", {}, 60s, cancel);
    canceller.join();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.status().message(), "cancelled");
}

TEST_F(SshSessionTest, SftpUploadWritesTheFileWithItsMode) {
    const std::string local = m_dir + "/payload";
    std::string content;
    for (int i = 0; i < 100000; ++i)
        content += static_cast<char>(i * 7);
    cox::testing::writeFile(local, content);
    auto session = SshSession::connect(target());
    ASSERT_TRUE(session);
    ASSERT_TRUE((*session)->authenticate(keyCredentials()));
    const std::string remote = m_dir + "/uploaded"; // machines share this host's filesystem
    uint64_t last = 0;
    ASSERT_TRUE(sftpUpload(**session, local, remote, 0700, CancelToken(),
                           [&](uint64_t sent, uint64_t) { last = sent; }));
    EXPECT_EQ(last, content.size());
    EXPECT_EQ(cox::testing::readFile(remote), content);
    struct stat st {};
    ASSERT_EQ(::stat(remote.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);

    Status denied = sftpUpload(**session, local, "/nonexistent-dir/x", 0700, CancelToken());
    EXPECT_EQ(denied.code(), StatusCode::Forbidden);
}

class KnownHostsTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = cox::testing::makeTempDir("cox-kh"); }
    void TearDown() override { cox::testing::removeTree(m_dir); }
    std::string m_dir;
};

TEST_F(KnownHostsTest, UnknownThenTrustedChangedAndOtherType) {
    KnownHosts hosts(m_dir + "/sub/known_hosts");
    const std::string blobA =
        "AAAAC3NzaC1lZDI1NTE5AAAAIEo0hFMfF7ZLiQ4a0pA5S9R2QwS7RgN4y2b3c9d8e7f6";
    const std::string blobB =
        "AAAAC3NzaC1lZDI1NTE5AAAAIBo0hFMfF7ZLiQ4a0pA5S9R2QwS7RgN4y2b3c9d8e7f6";
    HostKey a{"ssh-ed25519", blobA, KnownHosts::fingerprintOf(blobA)};
    HostKey b{"ssh-ed25519", blobB, KnownHosts::fingerprintOf(blobB)};
    HostKey rsa{"ssh-rsa", blobB, ""};
    EXPECT_EQ(*hosts.check("10.0.0.5", 22, a), HostKeyState::Unknown);
    ASSERT_TRUE(hosts.add("10.0.0.5", 22, a));
    EXPECT_EQ(*hosts.check("10.0.0.5", 22, a), HostKeyState::Trusted);
    EXPECT_EQ(*hosts.check("10.0.0.5", 2222, a), HostKeyState::Unknown); // ports are separate
    EXPECT_EQ(*hosts.check("10.0.0.5", 22, b), HostKeyState::Changed);
    EXPECT_EQ(*hosts.check("10.0.0.5", 22, rsa), HostKeyState::OtherType);
    EXPECT_EQ(hosts.add("10.0.0.5", 22, b).code(), StatusCode::Conflict);
    ASSERT_TRUE(hosts.add("::1", 2222, b));
    EXPECT_NE(cox::testing::readFile(hosts.path()).find("[::1]:2222 ssh-ed25519 " + blobB),
              std::string::npos);
    ASSERT_TRUE(hosts.remove("10.0.0.5", 22));
    EXPECT_EQ(*hosts.check("10.0.0.5", 22, b), HostKeyState::Unknown);
    EXPECT_EQ(*hosts.check("::1", 2222, b), HostKeyState::Trusted);
    EXPECT_NE(a.fingerprint, b.fingerprint);
    EXPECT_EQ(a.fingerprint.rfind("SHA256:", 0), 0u);
}

} // namespace
} // namespace cox::bootstrap
