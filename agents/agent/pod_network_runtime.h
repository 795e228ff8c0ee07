// PodNetworkRuntime: a ContainerRuntime decorator that gives pods the node's cluster networking
// without the pod workers knowing about it - sandboxes get their resolv.conf from the pod's DNS
// policy (cluster DNS, search path, ndots:5) and containers get the Kubernetes service
// environment variables ahead of their own env (which overrides by name, as with kubelet).
// Everything else is passed through unchanged.
#pragma once

#include "node_network.h"
#include "runtime/runtime.h"

namespace cox::agent {

class PodNetworkRuntime : public ContainerRuntime {
public:
    // Both must outlive this object.
    PodNetworkRuntime(ContainerRuntime &inner, const NodeNetwork &network);

    std::string version() const override;
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
    Result<bool> imagePresent(const std::string &image) override;
    Status pullImage(const std::string &image, const std::optional<ImageAuth> &auth) override;

    // The sandbox config with the pod's DNS settings (tests).
    SandboxConfig withDns(const SandboxConfig &config) const;

private:
    ContainerRuntime &m_inner;
    const NodeNetwork &m_network;
};

} // namespace cox::agent
