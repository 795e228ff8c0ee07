// DockerRuntime against a private dockerd (DockerDaemon) and Debian's docker-registry on
// loopback, without the agent: Docker pulls the busybox test image; a pod sandbox is a pause
// container attached by the CNI bridge with an IP in the pod CIDR; a second container reaches
// the first on localhost; output lands in the CRI log file; exit codes, exec and adoption by a
// second runtime instance over the same state; removing the sandbox removes every container
// and frees the address; the pod's hostname, resolv.conf and hosts are the runtime's. Root,
// dockerd, docker-registry, busybox-static and the CNI plugins are needed.
#include "docker/docker_runtime.h"
#include "docker_daemon.h"
#include "process.h"
#include "test_image.h"
#include "test_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace cox::agent::testing {
namespace {

using cox::testing::runCommand;
using cox::testing::waitUntil;
using namespace std::chrono_literals;

std::string missingPrerequisite() {
    if (std::string missing = DockerDaemon::missingPrerequisite(); !missing.empty())
        return missing;
    for (const char *plugin : {"bridge", "host-local", "loopback", "portmap"})
        if (::access((std::string("/usr/lib/cni/") + plugin).c_str(), X_OK) != 0)
            return std::string("needs /usr/lib/cni/") + plugin;
    if (!cox::testing::TestRegistry::available())
        return "needs docker-registry";
    if (::access("/bin/busybox", X_OK) != 0)
        return "needs busybox-static";
    return {};
}

class DockerRuntimeTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (std::string missing = missingPrerequisite(); !missing.empty())
            GTEST_SKIP() << "docker runtime tests " << missing;
        ASSERT_EQ(m_daemon.start(), "");
        ASSERT_EQ(m_registry.start(), "");
        ASSERT_EQ(cox::testing::pushImage(m_registry.url(), "busybox", "1",
                                          cox::testing::TestImageBuilder::busybox()),
                  "");
        m_image = m_registry.hostPort() + "/busybox:1";
        m_dir = cox::testing::makeTempDir("cox-docker-rt");
        m_bridge = "cxd" + std::to_string(::getpid() % 1000000);
        auto runtime = makeRuntime();
        ASSERT_TRUE(runtime) << runtime.status().message();
        m_runtime = std::move(*runtime);
    }
    void TearDown() override {
        if (m_runtime) {
            if (auto sandboxes = m_runtime->listSandboxes())
                for (const auto &sandbox : *sandboxes)
                    (void)m_runtime->removeSandbox(sandbox.id);
        }
        m_runtime.reset();
        m_daemon.stop();
        if (!m_bridge.empty())
            runCommand({"ip", "link", "del", m_bridge});
        if (!m_dir.empty())
            cox::testing::removeTree(m_dir);
    }
    Result<std::unique_ptr<docker::DockerRuntime>> makeRuntime() {
        docker::DockerRuntimeOptions options;
        options.socketPath = m_daemon.socket();
        options.stateDir = m_dir + "/state";
        options.cni.bridge = m_bridge;
        options.cni.podCidr = m_cidr;
        options.cni.ipMasq = false; // leave the host's iptables alone
        return docker::DockerRuntime::create(options);
    }
    SandboxConfig sandbox(const std::string &name) {
        SandboxConfig config;
        config.podUid = "uid-" + name;
        config.podName = name;
        config.podNamespace = "default";
        return config;
    }
    ContainerConfig container(const std::string &name, const std::string &script) {
        ContainerConfig config;
        config.name = name;
        config.image = m_image;
        config.command = {"sh", "-c", script};
        config.logPath = m_dir + "/logs/" + name + "/0.log";
        config.labels = {{kLabelRestartCount, "0"}};
        return config;
    }
    Result<std::string> run(const std::string &sandboxId, const ContainerConfig &config,
                            const SandboxConfig &pod) {
        auto id = m_runtime->createContainer(sandboxId, config, pod);
        if (!id)
            return id;
        if (auto started = m_runtime->startContainer(*id); !started)
            return started;
        return id;
    }
    ContainerStatus statusOf(const std::string &id) {
        auto status = m_runtime->containerStatus(id);
        return status ? *status : ContainerStatus{};
    }

    DockerDaemon m_daemon;
    cox::testing::TestRegistry m_registry;
    std::string m_image, m_dir, m_bridge;
    std::string m_cidr = "10.251.7.0/24";
    std::unique_ptr<docker::DockerRuntime> m_runtime;
};

TEST_F(DockerRuntimeTest, PullsThroughDockerAndReportsTheDaemonVersion) {
    EXPECT_EQ(m_runtime->version().rfind("docker://20.", 0), 0u) << m_runtime->version();
    EXPECT_FALSE(*m_runtime->imagePresent(m_image));
    ASSERT_TRUE(m_runtime->pullImage(m_image, std::nullopt));
    EXPECT_TRUE(*m_runtime->imagePresent(m_image));
    Status missing = m_runtime->pullImage(m_registry.hostPort() + "/nothing:1", std::nullopt);
    EXPECT_FALSE(missing);
    EXPECT_NE(missing.message().find("nothing"), std::string::npos) << missing.message();
}

TEST_F(DockerRuntimeTest, PodGetsACidrAddressAndItsContainersShareLocalhost) {
    ASSERT_TRUE(m_runtime->pullImage(m_image, std::nullopt));
    SandboxConfig pod = sandbox("web");
    pod.dnsServers = {"10.96.0.10"};
    pod.dnsSearches = {"default.svc.cluster.local"};
    auto sandboxId = m_runtime->runSandbox(pod);
    ASSERT_TRUE(sandboxId) << sandboxId.status().message();
    auto status = m_runtime->sandboxStatus(*sandboxId);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->state, SandboxState::Ready);
    EXPECT_EQ(status->ip.rfind("10.251.7.", 0), 0u) << status->ip;
    EXPECT_EQ(status->labels[kLabelPodUid], "uid-web");

    auto server =
        run(*sandboxId,
            container("server", "mkdir -p /www && echo hello-from-server > "
                                "/www/index.html && exec busybox httpd -f -p 8080 -h /www"),
            pod);
    ASSERT_TRUE(server) << server.status().message();
    auto client = run(*sandboxId,
                      container("client", "for i in 1 2 3 4 5 6 7 8 9 10; do busybox wget -qO- "
                                          "http://127.0.0.1:8080/ && exit 0; busybox sleep 1; "
                                          "done; exit 1"),
                      pod);
    ASSERT_TRUE(client) << client.status().message();
    ASSERT_TRUE(waitUntil([&] { return statusOf(*client).state == ContainerState::Exited; }, 60s));
    ContainerStatus done = statusOf(*client);
    EXPECT_EQ(done.exitCode, 0);
    EXPECT_EQ(done.reason, "Completed");
    EXPECT_EQ(done.sandboxId, *sandboxId);
    EXPECT_EQ(done.imageId.rfind("sha256:", 0), 0u) << done.imageId;
    // The client's stdout went into its CRI log file.
    std::string logPath = m_dir + "/logs/client/0.log";
    EXPECT_TRUE(waitUntil(
        [&] {
            return cox::testing::readFile(logPath).find(" stdout F hello-from-server") !=
                   std::string::npos;
        },
        20s))
        << cox::testing::readFile(logPath);
    // The host reaches the pod by its IP over the bridge.
    auto fromHost = runCommand({"busybox", "wget", "-qO-", "http://" + status->ip + ":8080/"});
    EXPECT_EQ(fromHost.out, "hello-from-server\n") << fromHost.err;

    auto exec = m_runtime->execSync(*server, {"sh", "-c", "echo out; echo err >&2; exit 4"}, 10s);
    ASSERT_TRUE(exec) << exec.status().message();
    EXPECT_EQ(exec->exitCode, 4);
    EXPECT_EQ(exec->output, "out\nerr\n");
    auto slow = m_runtime->execSync(*server, {"busybox", "sleep", "30"}, 1s);
    EXPECT_FALSE(slow);
    // The pod's hostname, DNS settings and hosts entry, as on runc.
    auto files = m_runtime->execSync(
        *server, {"sh", "-c", "busybox hostname; cat /etc/resolv.conf /etc/hosts"}, 10s);
    ASSERT_TRUE(files) << files.status().message();
    EXPECT_EQ(files->output.rfind("web\n", 0), 0u) << files->output;
    EXPECT_NE(files->output.find("nameserver 10.96.0.10\nsearch default.svc.cluster.local\n"),
              std::string::npos)
        << files->output;
    EXPECT_NE(files->output.find(status->ip + "\tweb\n"), std::string::npos) << files->output;
}

TEST_F(DockerRuntimeTest, APodStartsWithTenDaemonCallsAndNoLibnetworkSandbox) {
    ASSERT_TRUE(m_runtime->pullImage(m_image, std::nullopt));
    ASSERT_TRUE(m_runtime->imagePresent(m_image)); // the digest lookup below is cached after it
    SandboxConfig pod = sandbox("lean");
    m_runtime->client().resetCallCounts();
    // What the agent's pod worker does for a one-container pod.
    auto sandboxId = m_runtime->runSandbox(pod);
    ASSERT_TRUE(sandboxId) << sandboxId.status().message();
    ASSERT_TRUE(m_runtime->sandboxStatus(*sandboxId));
    ASSERT_TRUE(m_runtime->imagePresent(m_image));
    auto app = run(*sandboxId, container("app", "exec busybox sleep 60"), pod);
    ASSERT_TRUE(app) << app.status().message();
    ASSERT_EQ(statusOf(*app).state, ContainerState::Running);
    auto counts = m_runtime->client().callCounts();
    EXPECT_EQ(counts["POST /containers/create"], 2);
    EXPECT_EQ(counts["POST /containers/{id}/start"], 2);
    EXPECT_EQ(counts.count("GET /containers/json"), 0u); // no listing on the start path
    // pause inspect (pid for CNI), sandboxStatus, containerStatus, image inspect, and the
    // log follower's GET .../logs (asynchronous: it may not have been sent yet).
    EXPECT_LE(m_runtime->client().callCount(), 10);

    // The pause has a network namespace of its own that dockerd never set up: no libnetwork
    // sandbox, lo up (runc's doing, since the CNI loopback plugin no longer runs) and eth0 from
    // the CNI bridge.
    auto inspect = m_runtime->client().get("/containers/" + *sandboxId + "/json");
    ASSERT_TRUE(inspect);
    EXPECT_EQ((*inspect)["Config"].value("NetworkDisabled", false), true);
    EXPECT_EQ((*inspect)["NetworkSettings"].value("SandboxKey", ""), "");
    pid_t pid = m_runtime->containerPid(*sandboxId);
    ASSERT_GT(pid, 0);
    std::string netns = "/proc/" + std::to_string(pid) + "/ns/net";
    auto links = runCommand({"nsenter", "--net=" + netns, "ip", "-o", "link"});
    EXPECT_NE(links.out.find("lo: <LOOPBACK,UP"), std::string::npos) << links.out;
    EXPECT_NE(links.out.find("eth0@"), std::string::npos) << links.out;
    EXPECT_NE(std::filesystem::read_symlink(netns),
              std::filesystem::read_symlink("/proc/self/ns/net"));
}

TEST_F(DockerRuntimeTest, HostNetworkPodUsesTheNodesNetwork) {
    ASSERT_TRUE(m_runtime->pullImage(m_image, std::nullopt));
    SandboxConfig pod = sandbox("on-host");
    pod.hostNetwork = true;
    auto sandboxId = m_runtime->runSandbox(pod);
    ASSERT_TRUE(sandboxId) << sandboxId.status().message();
    auto status = m_runtime->sandboxStatus(*sandboxId);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->state, SandboxState::Ready);
    EXPECT_EQ(status->ip, "");
    auto app = run(*sandboxId, container("app", "busybox sleep 60"), pod);
    ASSERT_TRUE(app) << app.status().message();
    ASSERT_TRUE(waitUntil([&] { return statusOf(*app).state == ContainerState::Running; }, 20s));
    // The container is in the node's network namespace.
    pid_t pid = m_runtime->containerPid(*app);
    ASSERT_GT(pid, 0);
    char own[256] = {}, theirs[256] = {};
    ASSERT_GT(::readlink("/proc/self/ns/net", own, sizeof own - 1), 0);
    ASSERT_GT(
        ::readlink(("/proc/" + std::to_string(pid) + "/ns/net").c_str(), theirs, sizeof theirs - 1),
        0);
    EXPECT_STREQ(own, theirs);
    ASSERT_TRUE(m_runtime->removeSandbox(*sandboxId));
    EXPECT_EQ(m_runtime->containerStatus(*app).status().code(), StatusCode::NotFound);
}

TEST_F(DockerRuntimeTest, ExitCodesLogsAndStop) {
    ASSERT_TRUE(m_runtime->pullImage(m_image, std::nullopt));
    SandboxConfig pod = sandbox("jobs");
    auto sandboxId = m_runtime->runSandbox(pod);
    ASSERT_TRUE(sandboxId) << sandboxId.status().message();
    auto failing =
        run(*sandboxId, container("failing", "echo to-out; echo to-err >&2; exit 3"), pod);
    ASSERT_TRUE(failing) << failing.status().message();
    ASSERT_TRUE(waitUntil([&] { return statusOf(*failing).state == ContainerState::Exited; }, 30s));
    ContainerStatus failed = statusOf(*failing);
    EXPECT_EQ(failed.exitCode, 3);
    EXPECT_EQ(failed.reason, "Error");
    EXPECT_GE(failed.finishedAt, failed.startedAt);
    std::string logPath = m_dir + "/logs/failing/0.log";
    ASSERT_TRUE(waitUntil(
        [&] {
            std::string log = cox::testing::readFile(logPath);
            return log.find(" stdout F to-out\n") != std::string::npos &&
                   log.find(" stderr F to-err\n") != std::string::npos;
        },
        20s))
        << cox::testing::readFile(logPath);

    auto sleeper = run(*sandboxId,
                       container("sleeper", "trap 'exit 0' TERM; while true; do "
                                            "busybox sleep 1; done"),
                       pod);
    ASSERT_TRUE(sleeper);
    ASSERT_TRUE(
        waitUntil([&] { return statusOf(*sleeper).state == ContainerState::Running; }, 20s));
    pid_t pid = m_runtime->containerPid(*sleeper);
    EXPECT_GT(pid, 0);
    ASSERT_TRUE(m_runtime->stopContainer(*sleeper, 10s));
    EXPECT_EQ(statusOf(*sleeper).state, ContainerState::Exited);
    EXPECT_EQ(statusOf(*sleeper).exitCode, 0); // it took the SIGTERM
    EXPECT_TRUE(m_runtime->stopContainer(*sleeper, 10s)) << "stop is idempotent";
    ASSERT_TRUE(m_runtime->removeContainer(*sleeper));
    EXPECT_EQ(m_runtime->containerStatus(*sleeper).status().code(), StatusCode::NotFound);
    EXPECT_TRUE(m_runtime->removeContainer(*sleeper)) << "remove is idempotent";
}

TEST_F(DockerRuntimeTest, ASecondInstanceAdoptsAndRemovingTheSandboxCleansUp) {
    ASSERT_TRUE(m_runtime->pullImage(m_image, std::nullopt));
    SandboxConfig pod = sandbox("kept");
    auto sandboxId = m_runtime->runSandbox(pod);
    ASSERT_TRUE(sandboxId) << sandboxId.status().message();
    std::string ip = m_runtime->sandboxStatus(*sandboxId)->ip;
    auto app = run(*sandboxId,
                   container("app", "i=0; while true; do i=$((i+1)); echo line $i; "
                                    "busybox usleep 200000; done"),
                   pod);
    ASSERT_TRUE(app);
    std::string logPath = m_dir + "/logs/app/0.log";
    ASSERT_TRUE(waitUntil(
        [&] { return cox::testing::readFile(logPath).find("line 3\n") != std::string::npos; },
        20s));
    pid_t pid = m_runtime->containerPid(*app);

    // The agent restarts: a new runtime over the same state and daemon.
    m_runtime.reset();
    std::this_thread::sleep_for(1s); // lines written while no follower runs
    auto again = makeRuntime();
    ASSERT_TRUE(again) << again.status().message();
    m_runtime = std::move(*again);
    auto sandboxes = m_runtime->listSandboxes();
    ASSERT_TRUE(sandboxes);
    ASSERT_EQ(sandboxes->size(), 1u);
    EXPECT_EQ((*sandboxes)[0].id, *sandboxId);
    EXPECT_EQ((*sandboxes)[0].ip, ip);
    auto containers = m_runtime->listContainers(*sandboxId);
    ASSERT_TRUE(containers);
    ASSERT_EQ(containers->size(), 1u);
    EXPECT_EQ((*containers)[0].id, *app);
    EXPECT_EQ((*containers)[0].name, "app");
    EXPECT_EQ((*containers)[0].state, ContainerState::Running);
    EXPECT_EQ(m_runtime->containerPid(*app), pid);
    // The resumed follower fills the gap without repeating a line.
    ASSERT_TRUE(waitUntil(
        [&] { return cox::testing::readFile(logPath).find("line 20\n") != std::string::npos; },
        30s));
    std::string log = cox::testing::readFile(logPath);
    for (int i = 1; i <= 20; ++i) {
        std::string line = " stdout F line " + std::to_string(i) + "\n";
        auto first = log.find(line);
        EXPECT_NE(first, std::string::npos) << line;
        EXPECT_EQ(log.find(line, first + 1), std::string::npos) << "repeated: " << line;
    }

    ASSERT_TRUE(m_runtime->removeSandbox(*sandboxId));
    EXPECT_EQ(m_runtime->containerStatus(*app).status().code(), StatusCode::NotFound);
    EXPECT_EQ(m_runtime->sandboxStatus(*sandboxId).status().code(), StatusCode::NotFound);
    EXPECT_TRUE(m_runtime->listSandboxes()->empty());
    EXPECT_FALSE(std::filesystem::exists(m_dir + "/state/cni/ipam/coxswain/" + ip))
        << "the address was not released";
    EXPECT_TRUE(m_runtime->removeSandbox(*sandboxId)) << "remove is idempotent";
}

} // namespace
} // namespace cox::agent::testing
