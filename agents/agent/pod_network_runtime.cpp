#include "pod_network_runtime.h"

namespace cox::agent {

PodNetworkRuntime::PodNetworkRuntime(ContainerRuntime &inner, const NodeNetwork &network)
    : m_inner(inner)
    , m_network(network) {}

std::string PodNetworkRuntime::version() const {
    return m_inner.version();
}

SandboxConfig PodNetworkRuntime::withDns(const SandboxConfig &config) const {
    SandboxConfig out = config;
    PodDnsSettings dns = m_network.dnsFor(config.podUid, config.podNamespace);
    out.dnsServers = std::move(dns.servers);
    out.dnsSearches = std::move(dns.searches);
    out.dnsOptions = std::move(dns.options);
    return out;
}

Result<std::string> PodNetworkRuntime::runSandbox(const SandboxConfig &config) {
    return m_inner.runSandbox(withDns(config));
}

Status PodNetworkRuntime::stopSandbox(const std::string &sandboxId) {
    return m_inner.stopSandbox(sandboxId);
}

Status PodNetworkRuntime::removeSandbox(const std::string &sandboxId) {
    return m_inner.removeSandbox(sandboxId);
}

Result<SandboxStatus> PodNetworkRuntime::sandboxStatus(const std::string &sandboxId) {
    return m_inner.sandboxStatus(sandboxId);
}

Result<std::vector<SandboxStatus>> PodNetworkRuntime::listSandboxes() {
    return m_inner.listSandboxes();
}

Result<std::string> PodNetworkRuntime::createContainer(const std::string &sandboxId,
                                                       const ContainerConfig &config,
                                                       const SandboxConfig &sandbox) {
    ContainerConfig out = config;
    auto env = m_network.serviceEnvironment(sandbox.podUid, sandbox.podNamespace);
    out.env.insert(out.env.begin(), env.begin(), env.end());
    return m_inner.createContainer(sandboxId, out, sandbox);
}

Status PodNetworkRuntime::startContainer(const std::string &containerId) {
    return m_inner.startContainer(containerId);
}

Status PodNetworkRuntime::stopContainer(const std::string &containerId,
                                        std::chrono::seconds grace) {
    return m_inner.stopContainer(containerId, grace);
}

Status PodNetworkRuntime::removeContainer(const std::string &containerId) {
    return m_inner.removeContainer(containerId);
}

Result<ContainerStatus> PodNetworkRuntime::containerStatus(const std::string &containerId) {
    return m_inner.containerStatus(containerId);
}

Result<std::vector<ContainerStatus>>
PodNetworkRuntime::listContainers(const std::string &sandboxId) {
    return m_inner.listContainers(sandboxId);
}

Result<ExecResult> PodNetworkRuntime::execSync(const std::string &containerId,
                                               const std::vector<std::string> &command,
                                               std::chrono::seconds timeout) {
    return m_inner.execSync(containerId, command, timeout);
}

Result<bool> PodNetworkRuntime::imagePresent(const std::string &image) {
    return m_inner.imagePresent(image);
}

Status PodNetworkRuntime::pullImage(const std::string &image,
                                    const std::optional<ImageAuth> &auth) {
    return m_inner.pullImage(image, auth);
}

} // namespace cox::agent
