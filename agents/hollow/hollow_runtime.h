// HollowRuntime: a ContainerRuntime entirely in memory, for hollow (simulated) nodes. Sandboxes
// get IPs from the node's pod CIDR; containers run until they are stopped (then they have exited
// with code 0, as a process honouring SIGTERM would); exec probes answer exit code 0; images are
// always present. It runs no processes: what it exercises is the agent's pod lifecycle, status
// reporting and adoption, at the memory cost of a few map entries per pod.
#pragma once

#include "common/clock.h"
#include "runtime/runtime.h"

#include <map>
#include <mutex>

namespace cox::agent {

class HollowRuntime final : public ContainerRuntime {
public:
    // Timestamps (created/started/finished) come from `clock`, so tests can use a FakeClock.
    explicit HollowRuntime(const Clock &clock = SystemClock::instance())
        : m_clock(clock) {}

    // The node's pod CIDR, once the IPAM controller assigned it; until then runSandbox fails
    // Unavailable, which the pod worker retries.
    void setPodCidr(const std::string &cidr);

    std::string version() const override { return "hollow://0.1.0"; }
    Result<std::string> runSandbox(const SandboxConfig &config) override;
    Status stopSandbox(const std::string &sandboxId) override;
    Status removeSandbox(const std::string &sandboxId) override;
    Result<SandboxStatus> sandboxStatus(const std::string &sandboxId) override;
    Result<std::vector<SandboxStatus>> listSandboxes() override;
    Result<std::string> createContainer(const std::string &sandboxId, const ContainerConfig &config,
                                        const SandboxConfig &sandbox) override;
    Status startContainer(const std::string &containerId) override;
    Status stopContainer(const std::string &containerId, std::chrono::seconds grace) override;
    Status removeContainer(const std::string &containerId) override;
    Result<ContainerStatus> containerStatus(const std::string &containerId) override;
    Result<std::vector<ContainerStatus>> listContainers(const std::string &sandboxId) override;
    Result<ExecResult> execSync(const std::string &containerId,
                                const std::vector<std::string> &command,
                                std::chrono::seconds timeout) override;
    Result<bool> imagePresent(const std::string &) override { return true; }
    Status pullImage(const std::string &, const std::optional<ImageAuth> &) override {
        return Status::ok();
    }

    // Simulates the container's process exiting with `exitCode` (a crash, or a job finishing):
    // what scale tests and pod-worker tests use to exercise restarts and back-off.
    Status simulateExit(const std::string &containerId, int32_t exitCode);

    // How many sandboxes were ever created (tests check that adoption creates none).
    int sandboxesCreated() const;

private:
    std::string allocateIpLocked(const std::string &cidr);

    const Clock &m_clock;
    std::string m_podCidr;
    mutable std::mutex m_mutex;
    std::map<std::string, SandboxStatus> m_sandboxes;
    std::map<std::string, ContainerStatus> m_containers;
    std::map<std::string, std::string> m_ipOwner; // ip -> sandbox id
    uint64_t m_nextId = 1;
    int m_sandboxesCreated = 0;
};

} // namespace cox::agent
