// The pipeline's pure parts: quoting, probe parsing, prerequisites, service files (run for real
// with /bin/sh and a stand-in agent), the agent locator, node names.
#include "bootstrap/agent_locator.h"
#include "bootstrap/machine_facts.h"
#include "bootstrap/service_files.h"
#include "bootstrap/shell_quote.h"
#include "bootstrap/steps/prerequisites_step.h"
#include "bootstrap/steps/probe_step.h"
#include "cluster_env.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace cox::bootstrap {
namespace {
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(ShellQuote, SurvivesTheShell) {
    const std::string nasty = "it's a \"path\" with $HOME and `cmd` \\ ;";
    auto r = cox::testing::runCommand({"sh", "-c", "printf %s " + shellQuote(nasty)});
    EXPECT_EQ(r.out, nasty);
}

TEST(MachineFacts, ParsesTheProbeOutput) {
    const auto f = MachineFacts::parse(
        "arch=aarch64\nkernel=6.1.0\nhostname=Worker-1\nos=Debian GNU/Linux 12 (bookworm)\n"
        "os_id=debian\nlibc=ldd (Debian GLIBC 2.36-9) 2.36\nsystemd=yes\ncgroup=v2\n"
        "disk_free_mb=12345\npackage_manager=apt-get\n"
        "runc=yes iptables=no docker=no sha256sum=yes setsid=yes\nmissing_cni= portmap\n"
        "ports_in_use= 10250\nagent_version=coxswain-agent 0.1.0 (v1.32.0)\n"
        "agent_sha256=abc\nagent_running=yes\n");
    EXPECT_EQ(f.goArch, "arm64");
    EXPECT_TRUE(f.systemd);
    EXPECT_EQ(f.cgroup, "v2");
    EXPECT_EQ(f.diskFreeMb, 12345);
    EXPECT_TRUE(f.runc);
    EXPECT_FALSE(f.iptables);
    EXPECT_TRUE(f.sha256sum);
    EXPECT_EQ(f.missingCniPlugins, std::vector<std::string>{"portmap"});
    EXPECT_EQ(f.portsInUse, std::vector<std::string>{"10250"});
    EXPECT_EQ(f.agentVersion, "coxswain-agent 0.1.0 (v1.32.0)");
    EXPECT_TRUE(f.agentRunning);
    EXPECT_NE(f.summary().find("systemd"), std::string::npos);
    EXPECT_EQ(MachineFacts::parse("arch=riscv64\n").goArch, "");
}

TEST(MachineFacts, TheProbeScriptRunsHere) {
    const std::string root = cox::testing::makeTempDir("cox-probe");
    auto r = cox::testing::runCommand(
        {"sh", "-c", MachineFacts::probeScript(InstallLayout::underRoot(root))});
    cox::testing::removeTree(root);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto f = MachineFacts::parse(r.out);
    EXPECT_FALSE(f.arch.empty());
    EXPECT_FALSE(f.kernel.empty());
    EXPECT_GT(f.diskFreeMb, 0);
    EXPECT_TRUE(f.sha256sum);
    EXPECT_TRUE(f.agentVersion.empty()); // nothing installed under the fresh root
}

TEST(Prerequisites, ListsWhatIsMissingAndThePackages) {
    MachineFacts f;
    f.sha256sum = true;
    f.setsid = true;
    f.runc = false;
    f.iptables = true;
    f.missingCniPlugins = {"bridge", "portmap"};
    const auto missing = PrerequisitesStep::missing(f, "runc");
    EXPECT_EQ(missing,
              (std::vector<std::string>{"runc", "CNI plugin bridge", "CNI plugin portmap"}));
    EXPECT_TRUE(PrerequisitesStep::missing(f, "hollow").empty());
    EXPECT_EQ(PrerequisitesStep::packagesFor(missing, "apt-get"),
              (std::vector<std::string>{"runc", "containernetworking-plugins"}));
    EXPECT_EQ(PrerequisitesStep::packagesFor(missing, "zypper"),
              (std::vector<std::string>{"runc", "cni-plugins"}));
}

TEST(NodeNames, FollowDns1123) {
    EXPECT_TRUE(isValidNodeName("worker-1.lan"));
    EXPECT_FALSE(isValidNodeName("Worker"));
    EXPECT_FALSE(isValidNodeName("-a"));
    EXPECT_FALSE(isValidNodeName(""));
    EXPECT_FALSE(isValidNodeName("a_b"));
}

class ServiceFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = cox::testing::makeTempDir("cox-svc");
        m_layout = InstallLayout::underRoot(m_root);
        fs::create_directories(m_layout.binDir);
        fs::create_directories(m_layout.configDir);
        fs::create_directories(m_layout.dataDir);
        fs::create_directories(fs::path(m_layout.logFile).parent_path());
        // A stand-in agent: records its arguments, then runs until stopped.
        cox::testing::writeFile(m_layout.binaryPath(),
                                "#!/bin/sh\necho \"$@\" > " + m_root + "/args\nexec sleep 60\n");
        ::chmod(m_layout.binaryPath().c_str(), 0755);
        cox::testing::writeFile(m_layout.tokenFile(), "K10secret::a.b\n");
        AgentLaunch launch{"https://10.0.0.1:6443", "node-a", "hollow"};
        cox::testing::writeFile(m_layout.launcherScript(),
                                ServiceFiles::launcher(m_layout, launch));
        ::chmod(m_layout.launcherScript().c_str(), 0700);
        cox::testing::writeFile(m_layout.supervisorScript(), ServiceFiles::supervisor(m_layout));
    }
    void TearDown() override {
        cox::testing::runCommand({"sh", "-c", ServiceFiles::stopSupervisorCommand(m_layout)});
        cox::testing::removeTree(m_root);
    }
    std::string m_root;
    InstallLayout m_layout;
};

TEST_F(ServiceFilesTest, TheTokenIsPassedOnlyUntilTheNodeHasCredentials) {
    const std::string launcher = cox::testing::readFile(m_layout.launcherScript());
    EXPECT_EQ(launcher.find("K10secret"), std::string::npos);
    auto run = [&] {
        cox::testing::runCommand({"timeout", "2", m_layout.launcherScript()});
        return cox::testing::readFile(m_root + "/args");
    };
    const std::string first = run();
    EXPECT_NE(first.find("--token-file " + m_layout.tokenFile()), std::string::npos) << first;
    EXPECT_EQ(first.find("K10secret"), std::string::npos) << first; // never on the command line
    EXPECT_NE(first.find("--server https://10.0.0.1:6443 --node-name node-a"), std::string::npos);
    cox::testing::writeFile(m_layout.dataDir + "/node.crt", "cert");
    EXPECT_EQ(run().find("--token"), std::string::npos);
}

TEST_F(ServiceFilesTest, TheSupervisorRestartsTheAgentAndStopsCleanly) {
    auto start =
        cox::testing::runCommand({"sh", "-c", ServiceFiles::startSupervisorCommand(m_layout)});
    ASSERT_EQ(start.exitCode, 0) << start.err;
    int firstAgent = -1;
    ASSERT_TRUE(cox::testing::waitUntil(
        [&] {
            firstAgent = testenv::pidFromFile(m_layout.agentPidFile());
            return testenv::processAlive(firstAgent);
        },
        10s));
    const int supervisor = testenv::pidFromFile(m_layout.supervisorPidFile());
    EXPECT_TRUE(testenv::processAlive(supervisor));
    EXPECT_EQ(
        cox::testing::runCommand({"sh", "-c", ServiceFiles::supervisorRunningCommand(m_layout)})
            .exitCode,
        0);
    ::kill(firstAgent, SIGKILL); // the agent crashes: the supervisor starts it again
    int secondAgent = -1;
    ASSERT_TRUE(cox::testing::waitUntil(
        [&] {
            secondAgent = testenv::pidFromFile(m_layout.agentPidFile());
            return secondAgent != firstAgent && testenv::processAlive(secondAgent);
        },
        10s));
    auto stop =
        cox::testing::runCommand({"sh", "-c", ServiceFiles::stopSupervisorCommand(m_layout)});
    EXPECT_EQ(stop.exitCode, 0);
    EXPECT_TRUE(cox::testing::waitUntil(
        [&] { return !testenv::processAlive(secondAgent) && !testenv::processAlive(supervisor); },
        10s));
    EXPECT_FALSE(fs::exists(m_layout.supervisorPidFile()));
    EXPECT_NE(
        cox::testing::runCommand({"sh", "-c", ServiceFiles::supervisorRunningCommand(m_layout)})
            .exitCode,
        0);
}

TEST(ServiceFiles, TheSystemdUnitRestartsTheAgentOnly) {
    const auto unit = ServiceFiles::systemdUnit(InstallLayout());
    EXPECT_NE(unit.find("ExecStart=/etc/coxswain/run-agent.sh"), std::string::npos);
    EXPECT_NE(unit.find("KillMode=process"), std::string::npos);
    EXPECT_NE(unit.find("Restart=always"), std::string::npos);
}

TEST(AgentLocator, ChecksTheArchitectureAndSearchesPrefixes) {
    EXPECT_EQ(AgentLocator::elfArch(COX_AGENT_BIN), "amd64");
    EXPECT_EQ(AgentLocator::elfArch("/etc/hostname"), "");
    auto wrongArch = AgentLocator::find(COX_AGENT_BIN, "arm64");
    ASSERT_FALSE(wrongArch);
    EXPECT_NE(wrongArch.status().message().find("it is linux-amd64"), std::string::npos);

    const std::string prefix = cox::testing::makeTempDir("cox-prefix");
    EXPECT_FALSE(AgentLocator::find("", "arm64", {prefix}));
    const std::string dir = prefix + "/lib/coxswain/agents/linux-amd64";
    fs::create_directories(dir);
    fs::copy_file(COX_AGENT_BIN, dir + "/coxswain-agent");
    auto found = AgentLocator::find("", "amd64", {prefix});
    ASSERT_TRUE(found) << found.status().message();
    EXPECT_EQ(found->path, dir + "/coxswain-agent");
    EXPECT_EQ(found->sha256.size(), 64u);
    EXPECT_GT(found->size, 0u);
    cox::testing::removeTree(prefix);
}

} // namespace
} // namespace cox::bootstrap
