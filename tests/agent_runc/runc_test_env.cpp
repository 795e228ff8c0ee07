#include "runc_test_env.h"

#include "process.h"

#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using cox::testing::runCommand;

namespace cox::agent::runc::testing {

Result<PreparedRootfs> BusyboxRootfs::prepare(const std::string &image,
                                              const std::string &containerDir) {
    if (image != "busybox")
        return Status(StatusCode::NotFound, "image " + image + " not found");
    std::string root = containerDir + "/rootfs";
    std::error_code ec;
    for (const char *dir : {"bin", "etc", "tmp", "proc", "sys", "dev", "www"})
        fs::create_directories(root + "/" + dir, ec);
    fs::copy_file("/bin/busybox", root + "/bin/busybox", ec);
    if (ec)
        return Status(StatusCode::Internal, "copy busybox: " + ec.message());
    // The applet list is asked for once per process: it only costs time, not correctness.
    static const std::vector<std::string> applets = [] {
        std::vector<std::string> names;
        std::istringstream list(runCommand({"/bin/busybox", "--list"}).out);
        for (std::string name; list >> name;)
            names.push_back(name);
        return names;
    }();
    for (const auto &name : applets) {
        if (name != "busybox")
            fs::create_symlink("busybox", root + "/bin/" + name, ec);
    }
    PreparedRootfs prepared;
    prepared.rootfsPath = root;
    prepared.cmd = {"sh"};
    prepared.env = {{"IMAGE_ENV", "from-image"}};
    prepared.resolvedImage = "local/busybox:latest";
    prepared.imageId = "sha256:0000000000000000000000000000000000000000000000000000000000000b0b";
    return prepared;
}

Status BusyboxRootfs::release(const std::string &) {
    return Status::ok();
}

Result<bool> BusyboxRootfs::imagePresent(const std::string &image) {
    return image == "busybox";
}

Status BusyboxRootfs::pullImage(const std::string &image, const std::optional<ImageAuth> &) {
    if (image == "busybox")
        return Status::ok();
    return Status(StatusCode::NotFound, "image " + image + " not found");
}

std::string missingPrerequisite() {
    if (::geteuid() != 0)
        return "needs root";
    if (runCommand({"runc", "--version"}).exitCode != 0)
        return "needs runc";
    for (const char *plugin : {"bridge", "host-local", "loopback", "portmap"}) {
        if (::access((std::string("/usr/lib/cni/") + plugin).c_str(), X_OK) != 0)
            return std::string("needs /usr/lib/cni/") + plugin;
    }
    if (::access("/bin/busybox", X_OK) != 0)
        return "needs busybox-static";
    if (runCommand({"iptables", "-S", "FORWARD"}).exitCode != 0)
        return "needs iptables";
    return {};
}

TestNode::TestNode(int index) {
    // 10.200.0.0 - 10.247.249.0: spread by pid so parallel test processes (ctest -j) do not
    // share a /24 on different bridges.
    int slot = static_cast<int>((::getpid() * 97L + index) % 12000);
    m_prefix = "10." + std::to_string(200 + slot / 250) + "." + std::to_string(slot % 250);
    std::string tag = std::to_string(::getpid() % 100000) + "x" + std::to_string(index);
    m_options.stateDir = cox::testing::makeTempDir("cox-runc-");
    m_options.cgroupParent = "/cox-test-" + tag;
    m_options.cni.bridge = "cxr" + tag;
    m_options.cni.networkName = "cox-test-" + tag;
    m_options.cni.podCidr = cidr();
    m_options.rootfs = std::make_shared<BusyboxRootfs>();
    m_options.shimPath = COX_AGENT_BIN; // this test binary has no supervisor mode; the agent does
    // After dockerd has run the FORWARD policy is DROP; bridged pods need an explicit ACCEPT.
    auto forward = runCommand({"iptables", "-S", "FORWARD"});
    if (forward.out.find("-P FORWARD DROP") != std::string::npos) {
        runCommand({"iptables", "-I", "FORWARD", "-i", m_options.cni.bridge, "-j", "ACCEPT"});
        runCommand({"iptables", "-I", "FORWARD", "-o", m_options.cni.bridge, "-j", "ACCEPT"});
        m_forwardRules = true;
    }
    auto runtime = RuncRuntime::create(m_options);
    if (!runtime) {
        m_error = runtime.status().message();
        return;
    }
    m_runtime = std::move(*runtime);
}

std::unique_ptr<RuncRuntime> TestNode::reopen() const {
    auto runtime = RuncRuntime::create(m_options);
    return runtime ? std::move(*runtime) : nullptr;
}

namespace {

// The bridge plugin can only undo its ipMasq rules while the pod's netns exists; tests that
// remove a namespace behind the runtime's back leave them. Delete every nat rule that names
// this node's network, then the per-pod chains those rules jumped to.
void removeMasqueradeRules(const std::string &networkName) {
    std::string marker = "name: \"" + networkName + "\"";
    std::vector<std::string> chains;
    for (int round = 0; round < 100; ++round) {
        auto listing =
            runCommand({"iptables", "-t", "nat", "-L", "POSTROUTING", "-n", "--line-numbers"});
        std::istringstream lines(listing.out);
        std::string line, number, target;
        bool found = false;
        while (std::getline(lines, line)) {
            if (line.find(marker) == std::string::npos)
                continue;
            std::istringstream fields(line);
            fields >> number >> target;
            chains.push_back(target);
            found = true;
            break;
        }
        if (!found)
            break;
        runCommand({"iptables", "-t", "nat", "-D", "POSTROUTING", number});
    }
    for (const auto &chain : chains) {
        if (chain.rfind("CNI-", 0) != 0)
            continue;
        runCommand({"iptables", "-t", "nat", "-F", chain});
        runCommand({"iptables", "-t", "nat", "-X", chain});
    }
}

} // namespace

TestNode::~TestNode() {
    if (m_runtime) {
        if (auto sandboxes = m_runtime->listSandboxes()) {
            for (const auto &sandbox : *sandboxes)
                (void)m_runtime->removeSandbox(sandbox.id);
        }
        (void)m_runtime->removeMasquerade();
    }
    runCommand({"ip", "link", "del", m_options.cni.bridge});
    removeMasqueradeRules(m_options.cni.networkName);
    if (m_forwardRules) {
        runCommand({"iptables", "-D", "FORWARD", "-i", m_options.cni.bridge, "-j", "ACCEPT"});
        runCommand({"iptables", "-D", "FORWARD", "-o", m_options.cni.bridge, "-j", "ACCEPT"});
    }
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator("/sys/fs/cgroup", ec))
        ::rmdir((entry.path().string() + m_options.cgroupParent).c_str());
    cox::testing::removeTree(m_options.stateDir);
}

} // namespace cox::agent::runc::testing

namespace cox::agent::runc::testing {

SandboxConfig sandboxConfig(const std::string &podName, std::vector<PortMapping> ports) {
    SandboxConfig config;
    config.podUid = "uid-" + podName;
    config.podName = podName;
    config.podNamespace = "default";
    config.hostname = podName;
    config.portMappings = std::move(ports);
    return config;
}

ContainerConfig containerConfig(const std::string &name, std::vector<std::string> command) {
    ContainerConfig config;
    config.name = name;
    config.image = "busybox";
    config.command = std::move(command);
    return config;
}

ContainerStatus waitForState(ContainerRuntime &runtime, const std::string &containerId,
                             ContainerState state, std::chrono::milliseconds timeout) {
    ContainerStatus last;
    cox::testing::waitUntil(
        [&] {
            auto status = runtime.containerStatus(containerId);
            if (status)
                last = *status;
            return status && status->state == state;
        },
        timeout);
    return last;
}

} // namespace cox::agent::runc::testing
