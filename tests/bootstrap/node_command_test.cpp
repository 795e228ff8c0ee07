// `coxswain-master node add|remove`: option parsing, and the real binary joining and removing a
// machine (sshd in a namespace) against a control plane whose data directory it reads.
#include "cluster_env.h"
#include "master/node_command.h"
#include "master/node_record.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace cox::master {
namespace {
using namespace std::chrono_literals;

TEST(NodeCommandParse, AddNeedsAHostAndACredential) {
    EXPECT_FALSE(parseNodeCommand({"add", "--user", "root", "--key", "k"}));
    EXPECT_FALSE(parseNodeCommand({"add", "--host", "h", "--user", "root"}));
    EXPECT_FALSE(parseNodeCommand({"add", "--host", "h", "--key", "k", "--accept-host-key",
                                   "--host-key-fingerprint", "SHA256:x"}));
    auto o = parseNodeCommand({"add", "--host", "::1", "--port", "2222", "--user", "admin",
                               "--password-stdin", "--sudo-password-stdin", "--data-dir", "/d",
                               "--host-key-fingerprint=SHA256:abc", "--agent", "/a"});
    ASSERT_TRUE(o) << o.status().message();
    EXPECT_EQ(o->machine.host, "::1");
    EXPECT_EQ(o->machine.port, 2222);
    EXPECT_EQ(o->machine.credentials.user, "admin");
    EXPECT_TRUE(o->passwordStdin);
    EXPECT_TRUE(o->sudoPasswordStdin);
    EXPECT_EQ(o->machine.hostKeyFingerprint, "SHA256:abc");
    EXPECT_EQ(o->agentBinary, "/a");
    EXPECT_EQ(o->dataDir, "/d");
    EXPECT_FALSE(parseNodeCommand({"add", "--host", "h", "--key", "k", "--port", "70000"}));
}

TEST(NodeCommandParse, RemoveTakesTheNodeName) {
    auto o = parseNodeCommand({"remove", "--data-dir", "/d", "worker-1", "--delete-data"});
    ASSERT_TRUE(o);
    EXPECT_EQ(o->action, NodeCommandOptions::Action::Remove);
    EXPECT_EQ(o->machine.nodeName, "worker-1");
    EXPECT_TRUE(o->deleteData);
    EXPECT_FALSE(parseNodeCommand({"remove", "--data-dir", "/d"}));
    EXPECT_FALSE(parseNodeCommand({"frobnicate"}));
}

TEST(NodeCommandRun, SecretsComeFromStdinLinesInOrder) {
    auto o = parseNodeCommand({"add", "--host", "127.0.0.1", "--port", "1", "--password-stdin",
                               "--sudo-password-stdin", "--data-dir", "/nonexistent"});
    ASSERT_TRUE(o);
    std::istringstream in("only-one-line\n");
    std::ostringstream out, err;
    EXPECT_EQ(runNodeCommand(*o, in, out, err), 2);
    EXPECT_NE(err.str().find("expected a secret line on stdin"), std::string::npos);
    EXPECT_EQ(err.str().find("only-one-line"), std::string::npos);
}

class NodeCommandSystemTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_env = std::make_unique<bootstrap::testenv::ClusterEnv>(1, 4);
        if (!m_env->problem().empty())
            GTEST_SKIP() << m_env->problem();
    }
    cox::testing::CommandResult master(std::vector<std::string> args,
                                       const std::string &input = {}) {
        args.insert(args.begin(), COX_MASTER_BIN);
        return cox::testing::runCommand(args, {}, 120s, input);
    }
    std::unique_ptr<bootstrap::testenv::ClusterEnv> m_env;
};

TEST_F(NodeCommandSystemTest, AddsAndRemovesAMachineFromTheShell) {
    const std::string dataDir = m_env->dir() + "/master";
    const std::string root = m_env->installRoot(0);
    const std::string host = m_env->netns(0).address();
    auto add = master({"node",
                       "add",
                       "--data-dir",
                       dataDir,
                       "--host",
                       host,
                       "--user",
                       "root",
                       "--key",
                       m_env->clientKey(),
                       "--accept-host-key",
                       "--agent",
                       COX_AGENT_BIN,
                       "--node-name",
                       "cli-node",
                       "--install-root",
                       root,
                       "--runtime",
                       "hollow",
                       "--api-port",
                       std::to_string(m_env->plane().port())});
    ASSERT_EQ(add.exitCode, 0) << add.out << add.err;
    for (const auto *line : {"[connect] done", "[host-key] done", "[upload] done", "[service] done",
                             "[ready] done", "node cli-node is Ready"})
        EXPECT_NE(add.out.find(line), std::string::npos) << line << "\n" << add.out;
    EXPECT_TRUE(m_env->nodeReady("cli-node"));
    EXPECT_TRUE(std::filesystem::exists(NodeRecord::pathFor(dataDir, "cli-node")));
    EXPECT_NE(cox::testing::readFile(dataDir + "/known_hosts").find(host), std::string::npos);

    auto remove = master({"node", "remove", "--data-dir", dataDir, "cli-node"});
    ASSERT_EQ(remove.exitCode, 0) << remove.out << remove.err;
    EXPECT_NE(remove.out.find("[drain] done"), std::string::npos) << remove.out;
    EXPECT_NE(remove.out.find("node cli-node removed"), std::string::npos);
    EXPECT_FALSE(m_env->nodeExists("cli-node"));
    EXPECT_FALSE(std::filesystem::exists(root + "/usr/local/bin/coxswain-agent"));
    EXPECT_TRUE(std::filesystem::exists(root + "/var/lib/coxswain-agent/node.crt")); // data kept
}

TEST_F(NodeCommandSystemTest, NeverAcceptsAChangedKeyAndNamesTheStep) {
    const std::string dataDir = m_env->dir() + "/master";
    const std::string host = m_env->netns(0).address();
    std::vector<std::string> args = {"node",
                                     "add",
                                     "--data-dir",
                                     dataDir,
                                     "--host",
                                     host,
                                     "--user",
                                     "root",
                                     "--key",
                                     m_env->clientKey(),
                                     "--accept-host-key",
                                     "--install-root",
                                     m_env->installRoot(0),
                                     "--agent",
                                     COX_AGENT_BIN,
                                     "--runtime",
                                     "hollow",
                                     "--timeout",
                                     "1s"};
    auto unconfirmed =
        master({"node", "add", "--data-dir", dataDir, "--host", host, "--key", m_env->clientKey()});
    EXPECT_EQ(unconfirmed.exitCode, 1);
    EXPECT_NE(unconfirmed.err.find("step host-key failed"), std::string::npos) << unconfirmed.err;
    EXPECT_NE(unconfirmed.out.find(m_env->sshd(0).fingerprint()), std::string::npos);

    // Trust the first key (the run then fails later: nothing listens on the default API port).
    auto first = master(args);
    EXPECT_NE(first.err.find("step control-plane failed"), std::string::npos) << first.err;
    // The key is known now: a wrong password fails at authentication and is never echoed.
    auto wrongPassword = master({"node", "add", "--data-dir", dataDir, "--host", host, "--user",
                                 "root", "--password-stdin", "--accept-host-key"},
                                "wrong-password\n");
    EXPECT_EQ(wrongPassword.exitCode, 1);
    EXPECT_NE(wrongPassword.err.find("step authenticate failed"), std::string::npos)
        << wrongPassword.err;
    EXPECT_EQ(wrongPassword.err.find("wrong-password"), std::string::npos);
    EXPECT_EQ(wrongPassword.out.find("wrong-password"), std::string::npos);
    m_env->sshd(0).stop();
    ASSERT_TRUE(m_env->sshd(0).regenerateHostKey("ecdsa"));
    ASSERT_TRUE(m_env->sshd(0).start());
    auto changed = master(args);
    EXPECT_EQ(changed.exitCode, 1);
    EXPECT_NE(changed.err.find("step host-key failed on " + host), std::string::npos)
        << changed.err;
    EXPECT_NE(changed.err.find("host key of another type"), std::string::npos) << changed.err;
}

} // namespace
} // namespace cox::master
