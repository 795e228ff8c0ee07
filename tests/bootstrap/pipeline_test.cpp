// The whole pipeline against sshd "machines" in network namespaces and an in-process control
// plane: the real coxswain-agent is uploaded, configured, supervised and joins as a Ready node.
#include "bootstrap/known_hosts.h"
#include "bootstrap/pipeline.h"
#include "bootstrap/steps/connect_step.h"
#include "bootstrap/steps/host_key_step.h"
#include "cluster_env.h"
#include "tls/crypto.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace cox::bootstrap {
namespace {
using testenv::ClusterEnv;
namespace fs = std::filesystem;

bool hasEvent(const std::vector<ProgressEvent> &events, const std::string &step, ProgressKind kind,
              const std::string &text = {}) {
    for (const auto &e : events)
        if (e.step == step && e.kind == kind && e.text.find(text) != std::string::npos)
            return true;
    return false;
}

std::string sha256Of(const std::string &path) {
    return tls::sha256HexOfData(cox::testing::readFile(path));
}

class PipelineTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_env = std::make_unique<ClusterEnv>(1, 3);
        if (!m_env->problem().empty())
            GTEST_SKIP() << m_env->problem();
    }
    std::unique_ptr<ClusterEnv> m_env;
};

TEST_F(PipelineTest, JoinsAMachineAsASupervisedAgentAndARerunChangesNothing) {
    const MachineSpec spec = m_env->machine(0);
    const BootstrapOptions options = m_env->options();
    MachineResult r = Pipeline::add(spec, options);
    ASSERT_TRUE(r.ok) << r.status().message();
    EXPECT_TRUE(m_env->nodeReady("node-0"));
    EXPECT_TRUE(r.agentInstalled);
    EXPECT_FALSE(r.facts.systemd);
    const auto events = m_env->events();
    for (const auto &step : {"connect", "host-key", "authenticate", "privileges", "probe",
                             "control-plane", "upload", "configure", "service", "ready"})
        EXPECT_TRUE(hasEvent(events, step, ProgressKind::StepStarted)) << step;
    EXPECT_TRUE(hasEvent(events, "service", ProgressKind::StepDone, "no systemd"));
    ASSERT_EQ(m_env->prompts().size(), 1u);
    EXPECT_EQ(m_env->prompts()[0].fingerprint, m_env->sshd(0).fingerprint());

    const InstallLayout &l = spec.layout;
    EXPECT_EQ(sha256Of(l.binaryPath()), sha256Of(COX_AGENT_BIN));
    struct stat st {};
    ASSERT_EQ(::stat(l.tokenFile().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(cox::testing::readFile(l.launcherScript()).find(options.cluster.joinToken),
              std::string::npos); // the token stays in its file
    const int agentPid = testenv::pidFromFile(l.agentPidFile());
    const int supervisorPid = testenv::pidFromFile(l.supervisorPidFile());
    EXPECT_TRUE(testenv::processAlive(agentPid)); // outlived the SSH session
    EXPECT_TRUE(testenv::processAlive(supervisorPid));

    m_env->clearRecords();
    MachineResult again = Pipeline::add(spec, options);
    ASSERT_TRUE(again.ok) << again.status().message();
    EXPECT_FALSE(again.agentInstalled);
    EXPECT_FALSE(again.agentRestarted);
    EXPECT_TRUE(m_env->prompts().empty()); // the key is known now
    const auto rerun = m_env->events();
    EXPECT_TRUE(hasEvent(rerun, "upload", ProgressKind::StepSkipped, "same build"));
    EXPECT_TRUE(hasEvent(rerun, "configure", ProgressKind::StepSkipped));
    EXPECT_TRUE(hasEvent(rerun, "service", ProgressKind::StepSkipped));
    EXPECT_EQ(testenv::pidFromFile(l.agentPidFile()), agentPid);
}

TEST_F(PipelineTest, ARerunWithAnotherBuildUpgradesAndRestartsTheAgentOnly) {
    MachineSpec spec = m_env->machine(0);
    BootstrapOptions options = m_env->options();
    // "The old version": the same program with different bytes (so a different SHA-256).
    const std::string old = m_env->dir() + "/old-agent";
    fs::copy_file(COX_AGENT_BIN, old);
    {
        std::ofstream append(old, std::ios::app | std::ios::binary);
        append << "old build";
    }
    options.agentBinary = old;
    MachineResult first = Pipeline::add(spec, options);
    ASSERT_TRUE(first.ok) << first.status().message();
    const int supervisorPid = testenv::pidFromFile(spec.layout.supervisorPidFile());
    const int oldAgentPid = testenv::pidFromFile(spec.layout.agentPidFile());

    options.agentBinary = COX_AGENT_BIN;
    MachineResult upgrade = Pipeline::add(spec, options);
    ASSERT_TRUE(upgrade.ok) << upgrade.status().message();
    EXPECT_TRUE(upgrade.agentInstalled);
    EXPECT_TRUE(upgrade.agentRestarted);
    EXPECT_FALSE(upgrade.previousAgentVersion.empty());
    EXPECT_EQ(sha256Of(spec.layout.binaryPath()), sha256Of(COX_AGENT_BIN));
    EXPECT_EQ(testenv::pidFromFile(spec.layout.supervisorPidFile()), supervisorPid);
    const int newAgentPid = testenv::pidFromFile(spec.layout.agentPidFile());
    EXPECT_NE(newAgentPid, oldAgentPid);
    EXPECT_FALSE(testenv::processAlive(oldAgentPid));
    EXPECT_EQ(fs::read_symlink("/proc/" + std::to_string(newAgentPid) + "/exe").string(),
              spec.layout.binaryPath());
    EXPECT_TRUE(m_env->nodeReady("node-0"));
}

TEST_F(PipelineTest, ACorruptedUploadStopsTheInstall) {
    const MachineSpec spec = m_env->machine(0);
    BootstrapOptions options = m_env->options();
    std::string corrupted;
    options.afterUpload = [&](const std::string &remote) {
        corrupted = remote; // the machines share this filesystem: flip bytes in the upload
        std::fstream f(remote, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        f.write("corrupt!", 8);
    };
    MachineResult r = Pipeline::add(spec, options);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.failedStep, "upload");
    EXPECT_NE(r.cause.find("corrupted"), std::string::npos) << r.cause;
    EXPECT_NE(r.cause.find(sha256Of(COX_AGENT_BIN)), std::string::npos);
    EXPECT_FALSE(fs::exists(spec.layout.binaryPath()));
    EXPECT_FALSE(corrupted.empty());
    EXPECT_FALSE(fs::exists(corrupted)); // the temp file is gone too
    EXPECT_FALSE(fs::exists(spec.layout.configDir));
    EXPECT_FALSE(m_env->nodeExists("node-0"));
}

TEST_F(PipelineTest, MissingPrerequisitesAreListedExactly) {
    MachineSpec spec = m_env->machine(0);
    spec.layout.cniBinDir = m_env->dir() + "/no-cni-here";
    BootstrapOptions options = m_env->options();
    options.runtime = "runc";
    MachineResult r = Pipeline::add(spec, options);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.failedStep, "prerequisites");
    EXPECT_NE(r.cause.find("CNI plugin bridge, CNI plugin host-local, CNI plugin loopback, "
                           "CNI plugin portmap"),
              std::string::npos)
        << r.cause;
    EXPECT_NE(r.remedy.find("apt-get install"), std::string::npos) << r.remedy;
    EXPECT_NE(r.remedy.find("containernetworking-plugins"), std::string::npos);
    EXPECT_FALSE(fs::exists(spec.layout.binaryPath()));
}

TEST_F(PipelineTest, AChangedHostKeyIsRefusedBeforeAnySecretIsSent) {
    MachineSpec spec = m_env->machine(0);
    const BootstrapOptions options = m_env->options();
    std::vector<std::unique_ptr<Step>> firstContact;
    firstContact.push_back(std::make_unique<ConnectStep>());
    firstContact.push_back(std::make_unique<HostKeyStep>());
    ASSERT_TRUE(Pipeline::run(firstContact, spec, options, {}).ok);

    m_env->sshd(0).stop(); // "the machine was reinstalled"
    ASSERT_TRUE(m_env->sshd(0).regenerateHostKey());
    ASSERT_TRUE(m_env->sshd(0).start());
    spec.credentials.keyFile.clear();
    spec.credentials.user = "nobody";
    spec.credentials.password = "a-secret-never-sent";
    m_env->clearRecords();
    MachineResult r = Pipeline::add(spec, options);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.failedStep, "host-key");
    EXPECT_NE(r.cause.find("host key changed for " + spec.host), std::string::npos) << r.cause;
    EXPECT_NE(r.cause.find(m_env->sshd(0).fingerprint()), std::string::npos);
    EXPECT_NE(r.remedy.find("reinstalled"), std::string::npos);
    EXPECT_TRUE(m_env->prompts().empty()); // a changed key is never offered for confirmation
    const std::string log = m_env->sshd(0).log();
    EXPECT_EQ(log.find("password"), std::string::npos) << log; // no authentication attempt
    EXPECT_EQ(log.find("Accepted"), std::string::npos) << log;
    EXPECT_FALSE(fs::exists(m_env->installRoot(0))); // no command ran
}

TEST_F(PipelineTest, AnUnknownKeyNeedsConfirmationOrAMatchingFingerprint) {
    MachineSpec spec = m_env->machine(0);
    BootstrapOptions options = m_env->options();
    std::vector<std::unique_ptr<Step>> steps;
    steps.push_back(std::make_unique<ConnectStep>());
    steps.push_back(std::make_unique<HostKeyStep>());

    m_env->confirmAnswer = false;
    MachineResult refused = Pipeline::run(steps, spec, options, {});
    ASSERT_FALSE(refused.ok);
    EXPECT_NE(refused.cause.find("was not confirmed"), std::string::npos);
    ASSERT_EQ(m_env->prompts().size(), 1u);
    EXPECT_EQ(m_env->prompts()[0].keyType, "ssh-ed25519");

    spec.hostKeyFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    MachineResult mismatch = Pipeline::run(steps, spec, options, {});
    ASSERT_FALSE(mismatch.ok);
    EXPECT_NE(mismatch.cause.find("not the expected"), std::string::npos) << mismatch.cause;

    spec.hostKeyFingerprint = m_env->sshd(0).fingerprint();
    m_env->clearRecords();
    MachineResult pinned = Pipeline::run(steps, spec, options, {});
    ASSERT_TRUE(pinned.ok) << pinned.status().message();
    EXPECT_TRUE(m_env->prompts().empty()); // pinned: no question asked
    KnownHosts known(options.knownHostsPath);
    EXPECT_NE(cox::testing::readFile(known.path()).find(spec.host + " ssh-ed25519 "),
              std::string::npos);
}

} // namespace
} // namespace cox::bootstrap
