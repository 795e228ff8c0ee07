// ContainerRuntime: what the agent asks of a node's container engine, shaped after Kubernetes'
// CRI (RuntimeService + ImageService) so runc+CNI, Docker Engine and the hollow (simulated)
// runtime are interchangeable. The agent's pod workers hold all policy (restarts, back-off,
// probes, ordering of init containers); a runtime only does what it is told and reports facts.
//
// Identity: a sandbox or container id is chosen by the runtime and is stable across agent
// restarts, so a restarted agent adopts what is running (listSandboxes/listContainers carry the
// pod uid and container name as labels). All calls are blocking and thread-safe.
#pragma once

#include "common/result.h"
#include "common/status.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::agent {

using Labels = std::map<std::string, std::string>;

// Well-known labels the agent puts on sandboxes and containers, and reads back on adoption.
inline constexpr const char *kLabelPodUid = "io.coxswain.pod.uid";
inline constexpr const char *kLabelPodName = "io.coxswain.pod.name";
inline constexpr const char *kLabelPodNamespace = "io.coxswain.pod.namespace";
inline constexpr const char *kLabelContainerName = "io.coxswain.container.name";
inline constexpr const char *kLabelRestartCount = "io.coxswain.container.restart-count";

struct PortMapping {
    std::string protocol = "TCP"; // TCP, UDP, SCTP
    int32_t containerPort = 0;
    int32_t hostPort = 0;
    std::string hostIp; // empty = all
};

struct SandboxConfig {
    std::string podUid;
    std::string podName;
    std::string podNamespace;
    std::string hostname;
    Labels labels;
    std::vector<PortMapping> portMappings; // hostPort mappings (CNI portmap)
    std::vector<std::string> dnsServers;
    std::vector<std::string> dnsSearches;
    std::vector<std::string> dnsOptions;
    bool hostNetwork = false;
    std::string cgroupParent; // pod-level cgroup; empty = runtime default
};

enum class SandboxState { Ready, NotReady };

struct SandboxStatus {
    std::string id;
    SandboxState state = SandboxState::NotReady;
    std::string ip; // the pod IP; empty with hostNetwork or before networking is up
    Labels labels;
    std::chrono::system_clock::time_point createdAt;
};

struct Mount {
    std::string containerPath;
    std::string hostPath;
    bool readOnly = false;
};

struct ResourceLimits {
    int64_t cpuShares = 0;      // from requests.cpu (1000m = 1024 shares); 0 = unset
    int64_t cpuQuotaMicros = 0; // from limits.cpu over cpuPeriodMicros; 0 = unlimited
    int64_t cpuPeriodMicros = 100'000;
    int64_t memoryLimitBytes = 0; // 0 = unlimited
};

struct ContainerConfig {
    std::string name;
    std::string image; // reference as written in the pod spec; the runtime resolves it
    std::vector<std::string> command; // entrypoint override (empty = image's)
    std::vector<std::string> args;    // cmd override (empty = image's)
    std::string workingDir;
    std::vector<std::pair<std::string, std::string>> env; // resolved values, in order
    std::vector<Mount> mounts;
    ResourceLimits resources;
    Labels labels;
    std::string logPath; // file the runtime appends stdout+stderr to (CRI log format)
    bool tty = false;
    bool stdinOnce = false;
};

enum class ContainerState { Created, Running, Exited, Unknown };

struct ContainerStatus {
    std::string id;
    std::string sandboxId;
    std::string name;
    ContainerState state = ContainerState::Unknown;
    std::chrono::system_clock::time_point createdAt;
    std::chrono::system_clock::time_point startedAt;
    std::chrono::system_clock::time_point finishedAt;
    int32_t exitCode = 0;
    std::string reason; // e.g. "OOMKilled", "Error", "Completed"
    std::string message;
    std::string image;   // resolved reference
    std::string imageId; // content digest, "sha256:..."
    std::string logPath;
    Labels labels;
};

struct ExecResult {
    int32_t exitCode = 0;
    std::string output; // stdout followed by stderr, truncated by the runtime to a sane size
};

struct ImageAuth {
    std::string username;
    std::string password;
    std::string identityToken; // bearer token from a docker config "auth"/"identitytoken"
};

class ContainerRuntime {
public:
    virtual ~ContainerRuntime() = default;

    // Name and version as the Node's status.nodeInfo.containerRuntimeVersion shows it,
    // e.g. "runc://1.1.5".
    virtual std::string version() const = 0;

    // Sandbox: the pod's shared namespaces (network above all) with its IP.
    virtual Result<std::string> runSandbox(const SandboxConfig &config) = 0;
    // Stops every container in it and tears down networking; idempotent.
    virtual Status stopSandbox(const std::string &sandboxId) = 0;
    // Frees everything the sandbox holds; idempotent (NotFound is success).
    virtual Status removeSandbox(const std::string &sandboxId) = 0;
    virtual Result<SandboxStatus> sandboxStatus(const std::string &sandboxId) = 0;
    virtual Result<std::vector<SandboxStatus>> listSandboxes() = 0;

    // Containers live in a sandbox. create + start are separate so the agent can record the
    // container before it runs (and adopt it after a crash in between).
    virtual Result<std::string> createContainer(const std::string &sandboxId,
                                                const ContainerConfig &config,
                                                const SandboxConfig &sandbox) = 0;
    virtual Status startContainer(const std::string &containerId) = 0;
    // SIGTERM, then SIGKILL after `grace`; returns once the process is gone. Idempotent.
    virtual Status stopContainer(const std::string &containerId, std::chrono::seconds grace) = 0;
    virtual Status removeContainer(const std::string &containerId) = 0;
    virtual Result<ContainerStatus> containerStatus(const std::string &containerId) = 0;
    // Every container this runtime knows (optionally of one sandbox), including exited ones.
    virtual Result<std::vector<ContainerStatus>>
    listContainers(const std::string &sandboxId = {}) = 0;
    // Runs a command inside a running container (exec probes).
    virtual Result<ExecResult> execSync(const std::string &containerId,
                                        const std::vector<std::string> &command,
                                        std::chrono::seconds timeout) = 0;

    // Images.
    virtual Result<bool> imagePresent(const std::string &image) = 0;
    virtual Status pullImage(const std::string &image, const std::optional<ImageAuth> &auth) = 0;
};

} // namespace cox::agent
