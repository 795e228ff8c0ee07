// Containers under runc: CRI-format logs, exit codes, graceful stop, cgroup limits, OOM, exec,
// and adoption by a second runtime instance over the same state.
#include "runc_test_env.h"

#include "process.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <regex>
#include <signal.h>

using namespace cox::agent;
using namespace cox::agent::runc;
using namespace cox::agent::runc::testing;
using cox::testing::readFile;
using namespace std::chrono_literals;

namespace {

class RuncContainerTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (auto missing = missingPrerequisite(); !missing.empty())
            GTEST_SKIP() << missing;
        static int counter = 0;
        m_node = std::make_unique<TestNode>(40 + counter++);
        ASSERT_TRUE(m_node->ok()) << m_node->error();
        auto id = m_node->runtime().runSandbox(sandboxConfig("pod"));
        ASSERT_TRUE(id) << id.status().message();
        m_sandbox = *id;
    }
    void TearDown() override { m_node.reset(); }

    std::string create(const ContainerConfig &config) {
        auto id = m_node->runtime().createContainer(m_sandbox, config, sandboxConfig("pod"));
        EXPECT_TRUE(id) << id.status().message();
        return id ? *id : std::string();
    }
    std::string run(const ContainerConfig &config) {
        std::string id = create(config);
        if (!id.empty())
            EXPECT_TRUE(m_node->runtime().startContainer(id));
        return id;
    }
    RuncRuntime &runtime() { return m_node->runtime(); }

    std::unique_ptr<TestNode> m_node;
    std::string m_sandbox;
};

TEST_F(RuncContainerTest, CreateThenStartReportsCreatedThenRunning) {
    auto id = create(containerConfig("sleeper", {"sleep", "300"}));
    ASSERT_FALSE(id.empty());
    auto created = runtime().containerStatus(id);
    ASSERT_TRUE(created);
    EXPECT_EQ(created->state, ContainerState::Created);
    EXPECT_EQ(created->sandboxId, m_sandbox);
    EXPECT_EQ(created->labels.at(kLabelContainerName), "sleeper");
    EXPECT_EQ(created->image, "local/busybox:latest");
    ASSERT_TRUE(runtime().startContainer(id));
    EXPECT_EQ(runtime().containerStatus(id)->state, ContainerState::Running);
    auto list = runtime().listContainers(m_sandbox);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->front().id, id);
}

TEST_F(RuncContainerTest, StdoutAndStderrLandInTheLogInCriFormat) {
    auto config =
        containerConfig("talker", {"sh", "-c", "echo hello $IMAGE_ENV $MINE; echo oops >&2"});
    config.env = {{"MINE", "from-pod"}};
    config.logPath = m_node->options().stateDir + "/logs/talker/0.log";
    auto id = run(config);
    auto status = waitForState(runtime(), id, ContainerState::Exited, 20s);
    ASSERT_EQ(status.state, ContainerState::Exited);
    EXPECT_EQ(status.exitCode, 0);
    EXPECT_EQ(status.reason, "Completed");
    std::string log = readFile(config.logPath);
    std::regex stdoutLine(
        R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stdout F hello from-image from-pod\n)");
    std::regex stderrLine(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stderr F oops\n)");
    EXPECT_TRUE(std::regex_search(log, stdoutLine)) << log;
    EXPECT_TRUE(std::regex_search(log, stderrLine)) << log;
}

TEST_F(RuncContainerTest, ExitCodeIsReportedWithStateExited) {
    auto id = run(containerConfig("failer", {"sh", "-c", "exit 3"}));
    auto status = waitForState(runtime(), id, ContainerState::Exited, 20s);
    ASSERT_EQ(status.state, ContainerState::Exited);
    EXPECT_EQ(status.exitCode, 3);
    EXPECT_EQ(status.reason, "Error");
    EXPECT_GE(status.finishedAt, status.startedAt);
}

TEST_F(RuncContainerTest, StopSendsTermThenKillsAfterTheGrace) {
    // The trap proves TERM arrived; surviving it means only the KILL can end the container.
    auto id = run(containerConfig(
        "stubborn",
        {"sh", "-c", "trap 'echo got-term' TERM; echo ready; while true; do sleep 1; done"}));
    ASSERT_FALSE(id.empty());
    std::string logPath = runtime().containerStatus(id)->logPath;
    ASSERT_TRUE(cox::testing::waitUntil(
        [&] { return readFile(logPath).find("ready") != std::string::npos; }, 20s));
    ASSERT_TRUE(runtime().stopContainer(id, 3s));
    auto status = runtime().containerStatus(id);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->state, ContainerState::Exited);
    EXPECT_EQ(status->exitCode, 128 + SIGKILL);
    EXPECT_NE(readFile(logPath).find("got-term"), std::string::npos);
    EXPECT_TRUE(runtime().stopContainer(id, 3s));
}

TEST_F(RuncContainerTest, StopEndsAContainerThatHonoursTermWithItsOwnExitCode) {
    auto id = run(containerConfig(
        "polite", {"sh", "-c", "trap 'exit 0' TERM; echo ready; while true; do sleep 1; done"}));
    ASSERT_FALSE(id.empty());
    std::string logPath = runtime().containerStatus(id)->logPath;
    ASSERT_TRUE(cox::testing::waitUntil(
        [&] { return readFile(logPath).find("ready") != std::string::npos; }, 20s));
    ASSERT_TRUE(runtime().stopContainer(id, 30s));
    auto status = runtime().containerStatus(id);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->exitCode, 0);
}

TEST_F(RuncContainerTest, MemoryAndCpuLimitsReachTheCgroup) {
    auto config = containerConfig("limited", {"sleep", "300"});
    config.resources.memoryLimitBytes = 64 << 20;
    config.resources.cpuShares = 512;
    config.resources.cpuQuotaMicros = 50'000;
    auto id = run(config);
    auto cgroup = runtime().containerCgroup(id);
    ASSERT_TRUE(cgroup);
    std::string memory =
        std::filesystem::exists("/sys/fs/cgroup/memory")
            ? readFile("/sys/fs/cgroup/memory" + *cgroup + "/memory.limit_in_bytes")
            : readFile("/sys/fs/cgroup" + *cgroup + "/memory.max");
    EXPECT_EQ(std::stoll(memory), 64 << 20);
    if (std::filesystem::exists("/sys/fs/cgroup/cpu/cpu.shares")) {
        EXPECT_EQ(std::stoll(readFile("/sys/fs/cgroup/cpu" + *cgroup + "/cpu.shares")), 512);
        EXPECT_EQ(std::stoll(readFile("/sys/fs/cgroup/cpu" + *cgroup + "/cpu.cfs_quota_us")),
                  50'000);
    }
}

TEST_F(RuncContainerTest, OutOfMemoryIsReportedAsOOMKilled) {
    auto config = containerConfig("hog", {"sh", "-c", "x=$(tr '\\0' a < /dev/zero)"});
    config.resources.memoryLimitBytes = 32 << 20;
    auto id = run(config);
    auto status = waitForState(runtime(), id, ContainerState::Exited, 60s);
    ASSERT_EQ(status.state, ContainerState::Exited);
    EXPECT_EQ(status.exitCode, 137);
    EXPECT_EQ(status.reason, "OOMKilled");
}

TEST_F(RuncContainerTest, ExecSyncReturnsOutputAndExitCode) {
    auto id = run(containerConfig("target", {"sleep", "300"}));
    ASSERT_EQ(waitForState(runtime(), id, ContainerState::Running, 10s).state,
              ContainerState::Running);
    auto exec = runtime().execSync(id, {"sh", "-c", "echo out-$HOSTNAME; hostname; exit 4"}, 10s);
    ASSERT_TRUE(exec) << exec.status().message();
    EXPECT_EQ(exec->exitCode, 4);
    EXPECT_EQ(exec->output, "out-pod\npod\n");
    auto slow = runtime().execSync(id, {"sleep", "31"}, 1s);
    EXPECT_EQ(slow.status().code(), cox::StatusCode::Timeout);
    auto ps = runtime().execSync(id, {"ps", "-o", "args"}, 10s);
    ASSERT_TRUE(ps);
    EXPECT_EQ(ps->output.find("sleep 31"), std::string::npos)
        << "timed-out exec left behind: " << ps->output;
}

TEST_F(RuncContainerTest, SecondRuntimeOverTheSameStateAdoptsWithoutRestart) {
    auto id = run(containerConfig("survivor", {"sleep", "300"}));
    ASSERT_EQ(waitForState(runtime(), id, ContainerState::Running, 10s).state,
              ContainerState::Running);
    std::string pidBefore = readFile(runtime().containerDir(id) + "/init.pid");
    auto adopted = m_node->reopen();
    ASSERT_NE(adopted, nullptr);
    auto sandboxes = adopted->listSandboxes();
    ASSERT_TRUE(sandboxes);
    ASSERT_EQ(sandboxes->size(), 1u);
    EXPECT_EQ(sandboxes->front().id, m_sandbox);
    EXPECT_EQ(sandboxes->front().ip, runtime().sandboxStatus(m_sandbox)->ip);
    auto containers = adopted->listContainers(m_sandbox);
    ASSERT_TRUE(containers);
    ASSERT_EQ(containers->size(), 1u);
    EXPECT_EQ(containers->front().state, ContainerState::Running);
    EXPECT_EQ(readFile(adopted->containerDir(id) + "/init.pid"), pidBefore);
    EXPECT_TRUE(std::filesystem::exists("/proc/" + pidBefore));
    // The adopted container is fully manageable: exit codes still arrive via its supervisor.
    ASSERT_TRUE(adopted->stopContainer(id, 0s));
    auto status = adopted->containerStatus(id);
    EXPECT_EQ(status->state, ContainerState::Exited);
    EXPECT_EQ(status->exitCode, 137);
}

TEST_F(RuncContainerTest, RemoveContainerIsIdempotent) {
    auto id = run(containerConfig("gone", {"sleep", "300"}));
    ASSERT_TRUE(runtime().removeContainer(id));
    EXPECT_EQ(runtime().containerStatus(id).status().code(), cox::StatusCode::NotFound);
    EXPECT_TRUE(runtime().removeContainer(id));
}

TEST_F(RuncContainerTest, UnknownImageFailsCreateCleanly) {
    auto config = containerConfig("x", {"true"});
    config.image = "nope";
    auto id = runtime().createContainer(m_sandbox, config, sandboxConfig("pod"));
    EXPECT_EQ(id.status().code(), cox::StatusCode::NotFound);
    EXPECT_TRUE(runtime().listContainers(m_sandbox)->empty());
}

TEST_F(RuncContainerTest, MissingExecutableFailsAtStartWithRuncsMessage) {
    auto id = create(containerConfig("ghost", {"/no/such/binary"}));
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(runtime().containerStatus(id)->state, ContainerState::Created);
    cox::Status started = runtime().startContainer(id);
    ASSERT_FALSE(started);
    EXPECT_NE(started.message().find("/no/such/binary"), std::string::npos) << started.message();
    EXPECT_TRUE(runtime().removeContainer(id));
    EXPECT_TRUE(runtime().listContainers(m_sandbox)->empty());
}

TEST_F(RuncContainerTest, VersionNamesRunc) {
    EXPECT_EQ(runtime().version().rfind("runc://1.", 0), 0u) << runtime().version();
}

} // namespace
