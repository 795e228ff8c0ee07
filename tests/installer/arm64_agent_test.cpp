// The cross-built arm64 agent joins a cluster and runs a pod: it runs under qemu-user in hollow
// mode (the real runtimes need an arm64 kernel) against this build's coxswain-master. Built only
// with COX_CROSS_AGENTS=ON; skipped without qemu-user-static and the arm64 cross libc.
#include "process.h"

#include <gtest/gtest.h>

#include <csignal>
#include <unistd.h>

using namespace cox::testing;

namespace {

// The cross toolchain's glibc (libc6-arm64-cross). The library path is not optional: qemu's -L
// prefix supplies the cross ld.so, but without it that ld.so may load a multiarch libc6:arm64 of
// another Debian revision from /lib/aarch64-linux-gnu, and two glibc builds disagree on the
// loader's private data: the first pthread_create then spins forever (a plain C program with one
// thread does the same).
constexpr const char *kCrossRoot = "/usr/aarch64-linux-gnu";

class Arm64AgentTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (runCommand({"sh", "-c", "command -v qemu-aarch64-static"}).exitCode != 0)
            GTEST_SKIP() << "qemu-aarch64-static is not installed (apt-get install "
                            "qemu-user-static)";
        if (::access((std::string(kCrossRoot) + "/lib/ld-linux-aarch64.so.1").c_str(), R_OK) != 0)
            GTEST_SKIP() << "the arm64 cross libc is not installed (libc6-arm64-cross)";
        m_dir = makeTempDir("cox-arm64-agent");
        m_kubeconfig = m_dir + "/admin.kubeconfig";
    }
    void TearDown() override {
        m_agent.stop(SIGKILL);
        m_master.stop(SIGTERM);
        if (!m_dir.empty())
            removeTree(m_dir);
    }

    CommandResult kubectl(std::vector<std::string> args, const std::string &input = {}) {
        args.insert(args.begin(), {"kubectl", "--kubeconfig", m_kubeconfig});
        return runCommand(args, {}, std::chrono::seconds(30), input);
    }

    void startMaster() {
        const int port = freeLoopbackPort();
        m_server = "https://127.0.0.1:" + std::to_string(port);
        ASSERT_TRUE(m_master.start({COX_MASTER_BIN, "--data-dir", m_dir + "/master", "--listen",
                                    "127.0.0.1:" + std::to_string(port), "--write-kubeconfig",
                                    m_kubeconfig},
                                   {}, m_dir + "/master.log"));
        const bool ready = waitUntil(
            [&] {
                return kubectl({"get", "--raw", "/readyz"}).out == "ok";
            },
            std::chrono::seconds(60));
        ASSERT_TRUE(ready) << readFile(m_dir + "/master.log");
    }

    void startAgent() {
        const auto token =
            runCommand({COX_MASTER_BIN, "token", "create", "--data-dir", m_dir + "/master"});
        ASSERT_EQ(token.exitCode, 0) << token.err;
        writeFile(m_dir + "/join-token", token.out);
        ASSERT_TRUE(
            m_agent.start({"qemu-aarch64-static", "-L", kCrossRoot, "-E",
                           "LD_LIBRARY_PATH=" + std::string(kCrossRoot) + "/lib", COX_ARM64_AGENT,
                           "--server", m_server, "--token-file", m_dir + "/join-token",
                           "--node-name", "pi", "--data-dir", m_dir + "/agent", "--hollow", "1"},
                          {}, m_dir + "/agent.log"));
    }

    std::string jsonPath(const std::vector<std::string> &object, const std::string &path) {
        std::vector<std::string> args{"get"};
        args.insert(args.end(), object.begin(), object.end());
        args.insert(args.end(), {"-o", "jsonpath=" + path});
        return kubectl(args).out;
    }

    std::string m_dir;
    std::string m_kubeconfig;
    std::string m_server;
    ChildProcess m_master;
    ChildProcess m_agent;
};

const char *kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: on-arm
spec:
  containers:
  - name: app
    image: registry.invalid/app:1
)";

} // namespace

TEST_F(Arm64AgentTest, JoinsAsAnArm64NodeAndRunsAPodUnderQemu) {
    ASSERT_NO_FATAL_FAILURE(startMaster());
    ASSERT_NO_FATAL_FAILURE(startAgent());

    std::string seen;
    const bool ready = waitUntil(
        [&] {
            seen = jsonPath({"node", "pi-0"}, "{.status.nodeInfo.architecture} "
                                              "{.status.conditions[?(@.type==\"Ready\")].status}");
            return seen == "arm64 True";
        },
        std::chrono::seconds(120));
    ASSERT_TRUE(ready) << "node pi-0: \"" << seen << "\"\nagent log:\n"
                       << readFile(m_dir + "/agent.log");

    const auto created = kubectl({"apply", "-f", "-"}, kPod);
    ASSERT_EQ(created.exitCode, 0) << created.err;
    const bool running = waitUntil(
        [&] {
            seen = jsonPath({"pod", "on-arm"}, "{.spec.nodeName} {.status.phase}");
            return seen == "pi-0 Running";
        },
        std::chrono::seconds(120));
    EXPECT_TRUE(running) << "pod on-arm: \"" << seen << "\"\nagent log:\n"
                         << readFile(m_dir + "/agent.log");

    // A clean stop: the agent leaves on SIGTERM like on a real Raspberry Pi.
    EXPECT_EQ(m_agent.stop(SIGTERM, std::chrono::seconds(30)), 0) << readFile(m_dir + "/agent.log");
}
