// Sandboxes on real namespaces and CNI: IPs on the node CIDR, reachability, host ports,
// idempotent removal that frees the IP.
#include "runc_test_env.h"

#include "process.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/mount.h>

using namespace cox::agent;
using namespace cox::agent::runc;
using namespace cox::agent::runc::testing;
using cox::testing::runCommand;
using namespace std::chrono_literals;

namespace {

class RuncSandboxTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (auto missing = missingPrerequisite(); !missing.empty())
            GTEST_SKIP() << missing;
        m_node = std::make_unique<TestNode>(10 + m_counter++);
        ASSERT_TRUE(m_node->ok()) << m_node->error();
    }
    void TearDown() override { m_node.reset(); }

    std::string startHttpd(const std::string &sandboxId, const std::string &text) {
        auto config = containerConfig(
            "web", {"sh", "-c", "echo " + text + " > /www/index.html && httpd -f -p 80 -h /www"});
        auto id = m_node->runtime().createContainer(sandboxId, config, sandboxConfig("web"));
        EXPECT_TRUE(id) << id.status().message();
        if (!id)
            return {};
        EXPECT_TRUE(m_node->runtime().startContainer(*id));
        return *id;
    }

    static int s_counter;
    int &m_counter = s_counter;
    std::unique_ptr<TestNode> m_node;
};
int RuncSandboxTest::s_counter = 0;

TEST_F(RuncSandboxTest, SandboxGetsIpOnCidrThatAnswersPing) {
    auto &runtime = m_node->runtime();
    auto id = runtime.runSandbox(sandboxConfig("pinged"));
    ASSERT_TRUE(id) << id.status().message();
    auto status = runtime.sandboxStatus(*id);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->state, SandboxState::Ready);
    std::string prefix = m_node->cidr().substr(0, m_node->cidr().size() - 4);
    ASSERT_EQ(status->ip.rfind(prefix, 0), 0u) << status->ip << " not in " << m_node->cidr();
    EXPECT_EQ(status->labels.at(kLabelPodUid), "uid-pinged");
    auto ping = runCommand({"busybox", "ping", "-c", "1", "-W", "2", status->ip}, {}, 10s);
    EXPECT_EQ(ping.exitCode, 0) << ping.out << ping.err;
    // The namespace is real: its eth0 carries the address.
    auto inside = runCommand({"nsenter", "--net=" + runtime.netnsPath(*id), "ip", "-4", "addr"});
    EXPECT_NE(inside.out.find(status->ip), std::string::npos) << inside.out;
    // lo is up (the runtime sets it up itself, no loopback plugin): 127.0.0.1 answers inside.
    auto loopback = runCommand({"nsenter", "--net=" + runtime.netnsPath(*id), "busybox", "ping",
                                "-c", "1", "-W", "2", "127.0.0.1"},
                               {}, 10s);
    EXPECT_EQ(loopback.exitCode, 0) << loopback.out << loopback.err;
}

TEST_F(RuncSandboxTest, EgressMasqueradeIsOneRuleForTheCidrNotAChainPerPod) {
    auto &runtime = m_node->runtime();
    auto id = runtime.runSandbox(sandboxConfig("egress"));
    ASSERT_TRUE(id) << id.status().message();
    const std::string chain = "COX-MASQ-" + m_node->options().cni.bridge;
    auto rules = runCommand({"iptables", "-t", "nat", "-S", chain});
    ASSERT_EQ(rules.exitCode, 0) << rules.err;
    EXPECT_NE(rules.out.find("-d " + m_node->cidr() + " -j ACCEPT"), std::string::npos)
        << rules.out;
    EXPECT_NE(rules.out.find("-j MASQUERADE"), std::string::npos) << rules.out;
    auto postrouting = runCommand({"iptables", "-t", "nat", "-S", "POSTROUTING"});
    EXPECT_NE(postrouting.out.find("-s " + m_node->cidr()), std::string::npos) << postrouting.out;
    EXPECT_EQ(postrouting.out.find(*id), std::string::npos) << "no per-pod CNI masquerade chain";
    ASSERT_TRUE(runtime.removeSandbox(*id));
    ASSERT_TRUE(runtime.removeMasquerade());
    EXPECT_NE(runCommand({"iptables", "-t", "nat", "-S", chain}).exitCode, 0);
    EXPECT_TRUE(runtime.removeMasquerade()) << "idempotent";
}

TEST_F(RuncSandboxTest, TwoSandboxesReachEachOtherOverTheBridge) {
    auto &runtime = m_node->runtime();
    auto server = runtime.runSandbox(sandboxConfig("server"));
    auto client = runtime.runSandbox(sandboxConfig("client"));
    ASSERT_TRUE(server && client);
    ASSERT_FALSE(startHttpd(*server, "hello-from-server").empty());
    auto clientBox = runtime.createContainer(*client, containerConfig("c", {"sleep", "300"}),
                                             sandboxConfig("client"));
    ASSERT_TRUE(clientBox) << clientBox.status().message();
    ASSERT_TRUE(runtime.startContainer(*clientBox));
    std::string serverIp = runtime.sandboxStatus(*server)->ip;
    // busybox wget (static glibc) crashes on this machine; a raw HTTP request over nc does
    // the same job.
    std::string request =
        "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + serverIp + " 80";
    std::string body;
    cox::testing::waitUntil(
        [&] {
            auto exec = runtime.execSync(*clientBox, {"sh", "-c", request}, 10s);
            body = exec ? exec->output : exec.status().message();
            return exec && exec->exitCode == 0 && body.find("200 OK") != std::string::npos;
        },
        15s);
    EXPECT_TRUE(body.ends_with("\r\n\r\nhello-from-server\n")) << body;
    auto serverBox = runtime.listContainers(*server);
    if (serverBox && !serverBox->empty())
        EXPECT_EQ(serverBox->front().state, ContainerState::Running)
            << cox::testing::readFile(serverBox->front().logPath);
}

TEST_F(RuncSandboxTest, HostPortIsReachableFromTheHost) {
    auto &runtime = m_node->runtime();
    int port = cox::testing::freeLoopbackPort();
    auto id = runtime.runSandbox(sandboxConfig("ported", {{"TCP", 80, port, ""}}));
    ASSERT_TRUE(id) << id.status().message();
    ASSERT_FALSE(startHttpd(*id, "via-host-port").empty());
    // portmap DNATs locally generated traffic too (OUTPUT chain; route_localnet for 127.0.0.1).
    for (const std::string &host : std::vector<std::string>{"127.0.0.1", m_node->gatewayIp()}) {
        std::string body;
        cox::testing::waitUntil(
            [&] {
                auto get = runCommand({"busybox", "nc", "-w", "2", host, std::to_string(port)}, {},
                                      10s, "GET / HTTP/1.0\r\n\r\n");
                body = get.out + get.err;
                return get.exitCode == 0 && body.find("200 OK") != std::string::npos;
            },
            15s);
        EXPECT_TRUE(body.ends_with("\r\n\r\nvia-host-port\n"))
            << "through " << host << ": " << body;
    }
}

TEST_F(RuncSandboxTest, RemoveSandboxIsIdempotentAndFreesTheIp) {
    auto &runtime = m_node->runtime();
    auto id = runtime.runSandbox(sandboxConfig("short-lived"));
    ASSERT_TRUE(id);
    std::string ip = runtime.sandboxStatus(*id)->ip;
    // host-local records each allocation as a file named by the IP.
    std::string lease =
        runtime.options().cni.ipamDataDir + "/" + runtime.options().cni.networkName + "/" + ip;
    ASSERT_TRUE(std::filesystem::exists(lease)) << lease;
    auto container = runtime.createContainer(*id, containerConfig("c", {"sleep", "300"}),
                                             sandboxConfig("short-lived"));
    ASSERT_TRUE(container);
    ASSERT_TRUE(runtime.startContainer(*container));
    ASSERT_TRUE(std::filesystem::exists("/sys/fs/cgroup/pids" + runtime.options().cgroupParent +
                                        "/" + *id));

    ASSERT_TRUE(runtime.removeSandbox(*id));
    EXPECT_FALSE(std::filesystem::exists(lease));
    EXPECT_FALSE(std::filesystem::exists(runtime.netnsPath(*id)));
    // The pod-level cgroup goes too (runc deletes only the container's own).
    EXPECT_FALSE(std::filesystem::exists("/sys/fs/cgroup/memory" + runtime.options().cgroupParent +
                                         "/" + *id));
    EXPECT_FALSE(std::filesystem::exists("/sys/fs/cgroup/pids" + runtime.options().cgroupParent +
                                         "/" + *id));
    EXPECT_EQ(runtime.sandboxStatus(*id).status().code(), cox::StatusCode::NotFound);
    EXPECT_EQ(runtime.containerStatus(*container).status().code(), cox::StatusCode::NotFound);
    EXPECT_TRUE(runtime.removeSandbox(*id));
    EXPECT_TRUE(runtime.stopSandbox(*id));
    auto ping = runCommand({"busybox", "ping", "-c", "1", "-W", "1", ip}, {}, 10s);
    EXPECT_NE(ping.exitCode, 0);
}

TEST_F(RuncSandboxTest, StopSandboxStopsContainersAndTearsDownNetwork) {
    auto &runtime = m_node->runtime();
    auto id = runtime.runSandbox(sandboxConfig("stopped"));
    ASSERT_TRUE(id);
    auto container = runtime.createContainer(*id, containerConfig("c", {"sleep", "300"}),
                                             sandboxConfig("stopped"));
    ASSERT_TRUE(container);
    ASSERT_TRUE(runtime.startContainer(*container));
    ASSERT_TRUE(runtime.stopSandbox(*id));
    EXPECT_EQ(runtime.sandboxStatus(*id)->state, SandboxState::NotReady);
    EXPECT_EQ(runtime.containerStatus(*container)->state, ContainerState::Exited);
    EXPECT_TRUE(runtime.stopSandbox(*id));
}

} // namespace

namespace {

TEST_F(RuncSandboxTest, HostNetworkPodSeesTheHostInterfaces) {
    auto &runtime = m_node->runtime();
    auto host = runCommand({"ip", "-o", "-4", "addr", "show", "scope", "global"});
    std::string firstLine = host.out.substr(0, host.out.find('\n'));
    // "2: eth0    inet 172.16.0.2/24 ..." -> "172.16.0.2/24"
    auto inet = firstLine.find("inet ");
    if (inet == std::string::npos)
        GTEST_SKIP() << "host has no global IPv4 address";
    std::string address = firstLine.substr(inet + 5, firstLine.find(' ', inet + 5) - inet - 5);
    auto config = sandboxConfig("hostnet");
    config.hostNetwork = true;
    auto id = runtime.runSandbox(config);
    ASSERT_TRUE(id) << id.status().message();
    auto status = runtime.sandboxStatus(*id);
    EXPECT_EQ(status->state, SandboxState::Ready);
    EXPECT_EQ(status->ip, "");
    auto container = runtime.createContainer(*id, containerConfig("c", {"sleep", "300"}), config);
    ASSERT_TRUE(container) << container.status().message();
    ASSERT_TRUE(runtime.startContainer(*container));
    auto exec = runtime.execSync(*container, {"ip", "-o", "-4", "addr"}, 10s);
    ASSERT_TRUE(exec);
    EXPECT_NE(exec->output.find(address), std::string::npos) << exec->output;
    EXPECT_TRUE(runtime.removeSandbox(*id));
}

} // namespace

namespace {

TEST_F(RuncSandboxTest, SandboxWhoseNamespaceVanishedIsNotReadyAndStillRemovable) {
    auto &runtime = m_node->runtime();
    auto id = runtime.runSandbox(sandboxConfig("rebooted"));
    ASSERT_TRUE(id);
    std::string ip = runtime.sandboxStatus(*id)->ip;
    std::string lease =
        runtime.options().cni.ipamDataDir + "/" + runtime.options().cni.networkName + "/" + ip;
    ASSERT_TRUE(std::filesystem::exists(lease));
    // What a reboot does to a pinned namespace: the file stays, the mount is gone.
    ASSERT_EQ(::umount2(runtime.netnsPath(*id).c_str(), MNT_DETACH), 0);
    EXPECT_EQ(runtime.sandboxStatus(*id)->state, SandboxState::NotReady);
    EXPECT_EQ(runtime.sandboxStatus(*id)->ip, "");
    ASSERT_TRUE(runtime.removeSandbox(*id));
    EXPECT_FALSE(std::filesystem::exists(lease));
}

} // namespace
