// Test environment for the runc runtime: a busybox RootfsProvider and an isolated node (own
// state dir, runc root, bridge, /24 pod CIDR, cgroup parent) that cleans up after itself.
#pragma once

#include "runc/rootfs_provider.h"
#include "runc/runc_runtime.h"

#include <memory>
#include <string>

namespace cox::agent::runc::testing {

// Copies the static busybox into <containerDir>/rootfs with an applet symlink farm; image
// "busybox" has cmd ["sh"]. Any other image name is NotFound.
class BusyboxRootfs final : public RootfsProvider {
public:
    Result<PreparedRootfs> prepare(const std::string &image,
                                   const std::string &containerDir) override;
    Status release(const std::string &containerDir) override;
    Result<bool> imagePresent(const std::string &image) override;
    Status pullImage(const std::string &image, const std::optional<ImageAuth> &auth) override;
};

// Empty when the machine can run the tests, else why not (for GTEST_SKIP).
std::string missingPrerequisite();

class TestNode {
public:
    // `index` keeps bridge names and CIDRs apart between nodes of one process.
    explicit TestNode(int index);
    ~TestNode();
    TestNode(const TestNode &) = delete;
    TestNode &operator=(const TestNode &) = delete;

    RuncRuntime &runtime() { return *m_runtime; }
    // A second runtime over the same state (a restarted agent).
    std::unique_ptr<RuncRuntime> reopen() const;
    const RuncRuntimeOptions &options() const { return m_options; }
    std::string gatewayIp() const { return m_prefix + ".1"; }
    std::string cidr() const { return m_prefix + ".0/24"; }
    bool ok() const { return m_runtime != nullptr; }
    const std::string &error() const { return m_error; }

private:
    RuncRuntimeOptions m_options;
    std::unique_ptr<RuncRuntime> m_runtime;
    std::string m_prefix;
    std::string m_error;
    bool m_forwardRules = false;
};

} // namespace cox::agent::runc::testing

namespace cox::agent::runc::testing {

SandboxConfig sandboxConfig(const std::string &podName, std::vector<PortMapping> ports = {});
ContainerConfig containerConfig(const std::string &name, std::vector<std::string> command);
// Polls containerStatus until `state` (bounded by `timeout`); returns the last status seen.
ContainerStatus waitForState(ContainerRuntime &runtime, const std::string &containerId,
                             ContainerState state, std::chrono::milliseconds timeout);

} // namespace cox::agent::runc::testing
