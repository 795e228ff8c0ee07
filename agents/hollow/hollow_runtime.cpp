#include "hollow/hollow_runtime.h"

#include <arpa/inet.h>

namespace cox::agent {

namespace {

// First and last usable host of an IPv4 CIDR (network + 2 .. broadcast - 1; .1 is the gateway).
bool cidrRange(const std::string &cidr, uint32_t &first, uint32_t &last) {
    size_t slash = cidr.find('/');
    if (slash == std::string::npos)
        return false;
    in_addr addr{};
    if (inet_pton(AF_INET, cidr.substr(0, slash).c_str(), &addr) != 1)
        return false;
    int bits = std::stoi(cidr.substr(slash + 1));
    if (bits < 8 || bits > 30)
        return false;
    uint32_t base = ntohl(addr.s_addr) & (~0u << (32 - bits));
    first = base + 2;
    last = base + (1u << (32 - bits)) - 2;
    return true;
}

std::string ipText(uint32_t host) {
    in_addr a{htonl(host)};
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a, buf, sizeof buf);
    return buf;
}

} // namespace

void HollowRuntime::setPodCidr(const std::string &cidr) {
    std::lock_guard lock(m_mutex);
    m_podCidr = cidr;
}

std::string HollowRuntime::allocateIpLocked(const std::string &cidr) {
    uint32_t first = 0, last = 0;
    if (!cidrRange(cidr, first, last))
        return {};
    for (uint32_t ip = first; ip <= last; ++ip) {
        std::string text = ipText(ip);
        if (!m_ipOwner.count(text))
            return text;
    }
    return {};
}

Result<std::string> HollowRuntime::runSandbox(const SandboxConfig &config) {
    std::lock_guard lock(m_mutex);
    const std::string cidr = config.hostNetwork ? std::string() : m_podCidr;
    std::string ip;
    if (!config.hostNetwork) {
        if (cidr.empty())
            return Status(StatusCode::Unavailable, "node has no pod CIDR yet");
        ip = allocateIpLocked(cidr);
        if (ip.empty())
            return Status(StatusCode::Unavailable, "pod CIDR " + cidr + " is exhausted");
    }
    std::string id = "hollow-sb-" + std::to_string(m_nextId++);
    SandboxStatus sb{id, SandboxState::Ready, ip, config.labels, m_clock.now()};
    sb.labels[kLabelPodUid] = config.podUid;
    sb.labels[kLabelPodName] = config.podName;
    sb.labels[kLabelPodNamespace] = config.podNamespace;
    if (!ip.empty())
        m_ipOwner[ip] = id;
    m_sandboxes[id] = std::move(sb);
    ++m_sandboxesCreated;
    return id;
}

Status HollowRuntime::stopSandbox(const std::string &sandboxId) {
    std::lock_guard lock(m_mutex);
    auto it = m_sandboxes.find(sandboxId);
    if (it == m_sandboxes.end())
        return Status::ok();
    for (auto &[id, c] : m_containers) {
        if (c.sandboxId == sandboxId && c.state == ContainerState::Running) {
            c.state = ContainerState::Exited;
            c.finishedAt = m_clock.now();
            c.reason = "Completed";
        }
    }
    it->second.state = SandboxState::NotReady;
    m_ipOwner.erase(it->second.ip);
    return Status::ok();
}

Status HollowRuntime::removeSandbox(const std::string &sandboxId) {
    std::lock_guard lock(m_mutex);
    auto it = m_sandboxes.find(sandboxId);
    if (it == m_sandboxes.end())
        return Status::ok();
    m_ipOwner.erase(it->second.ip);
    m_sandboxes.erase(it);
    std::erase_if(m_containers, [&](const auto &kv) { return kv.second.sandboxId == sandboxId; });
    return Status::ok();
}

Result<SandboxStatus> HollowRuntime::sandboxStatus(const std::string &sandboxId) {
    std::lock_guard lock(m_mutex);
    auto it = m_sandboxes.find(sandboxId);
    if (it == m_sandboxes.end())
        return Status(StatusCode::NotFound, "no sandbox " + sandboxId);
    return it->second;
}

Result<std::vector<SandboxStatus>> HollowRuntime::listSandboxes() {
    std::lock_guard lock(m_mutex);
    std::vector<SandboxStatus> out;
    for (const auto &[id, sb] : m_sandboxes)
        out.push_back(sb);
    return out;
}

Result<std::string> HollowRuntime::createContainer(const std::string &sandboxId,
                                                   const ContainerConfig &config,
                                                   const SandboxConfig &) {
    std::lock_guard lock(m_mutex);
    auto sb = m_sandboxes.find(sandboxId);
    if (sb == m_sandboxes.end() || sb->second.state != SandboxState::Ready)
        return Status(StatusCode::NotFound, "sandbox " + sandboxId + " is not ready");
    std::string id = "hollow-c-" + std::to_string(m_nextId++);
    ContainerStatus c;
    c.id = id;
    c.sandboxId = sandboxId;
    c.name = config.name;
    c.state = ContainerState::Created;
    c.createdAt = m_clock.now();
    c.image = config.image;
    c.imageId = "sha256:hollow";
    c.labels = config.labels;
    c.labels[kLabelContainerName] = config.name;
    m_containers[id] = std::move(c);
    return id;
}

Status HollowRuntime::startContainer(const std::string &containerId) {
    std::lock_guard lock(m_mutex);
    auto it = m_containers.find(containerId);
    if (it == m_containers.end())
        return Status(StatusCode::NotFound, "no container " + containerId);
    if (it->second.state != ContainerState::Created)
        return Status(StatusCode::Conflict, "container " + containerId + " was already started");
    it->second.state = ContainerState::Running;
    it->second.startedAt = m_clock.now();
    return Status::ok();
}

Status HollowRuntime::stopContainer(const std::string &containerId, std::chrono::seconds) {
    std::lock_guard lock(m_mutex);
    auto it = m_containers.find(containerId);
    if (it == m_containers.end() || it->second.state != ContainerState::Running)
        return Status::ok();
    it->second.state = ContainerState::Exited;
    it->second.finishedAt = m_clock.now();
    it->second.exitCode = 0;
    it->second.reason = "Completed";
    return Status::ok();
}

Status HollowRuntime::removeContainer(const std::string &containerId) {
    std::lock_guard lock(m_mutex);
    m_containers.erase(containerId);
    return Status::ok();
}

Result<ContainerStatus> HollowRuntime::containerStatus(const std::string &containerId) {
    std::lock_guard lock(m_mutex);
    auto it = m_containers.find(containerId);
    if (it == m_containers.end())
        return Status(StatusCode::NotFound, "no container " + containerId);
    return it->second;
}

Result<std::vector<ContainerStatus>> HollowRuntime::listContainers(const std::string &sandboxId) {
    std::lock_guard lock(m_mutex);
    std::vector<ContainerStatus> out;
    for (const auto &[id, c] : m_containers) {
        if (sandboxId.empty() || c.sandboxId == sandboxId)
            out.push_back(c);
    }
    return out;
}

Result<ExecResult> HollowRuntime::execSync(const std::string &containerId,
                                           const std::vector<std::string> &, std::chrono::seconds) {
    std::lock_guard lock(m_mutex);
    auto it = m_containers.find(containerId);
    if (it == m_containers.end() || it->second.state != ContainerState::Running)
        return Status(StatusCode::NotFound, "container " + containerId + " is not running");
    return ExecResult{0, {}};
}

Status HollowRuntime::simulateExit(const std::string &containerId, int32_t exitCode) {
    std::lock_guard lock(m_mutex);
    auto it = m_containers.find(containerId);
    if (it == m_containers.end() || it->second.state != ContainerState::Running)
        return Status(StatusCode::NotFound, "container " + containerId + " is not running");
    it->second.state = ContainerState::Exited;
    it->second.finishedAt = m_clock.now();
    it->second.exitCode = exitCode;
    it->second.reason = exitCode == 0 ? "Completed" : "Error";
    return Status::ok();
}

int HollowRuntime::sandboxesCreated() const {
    std::lock_guard lock(m_mutex);
    return m_sandboxesCreated;
}

} // namespace cox::agent
