// DockerMapping: the pure translations between the CRI-shaped runtime model and Docker Engine
// API objects - sandbox and container create bodies, inspect -> ContainerStatus/SandboxStatus,
// Docker's timestamps. No I/O, so all of it is unit-tested with canned JSON.
#pragma once

#include "runtime/runtime.h"

#include <nlohmann/json.hpp>
#include <string>

namespace cox::agent::docker {

// Labels only this runtime sets, beside the kLabel* ones of runtime.h.
inline constexpr const char *kLabelRuntime = "io.coxswain.runtime";      // "docker"
inline constexpr const char *kLabelSandbox = "io.coxswain.sandbox";      // "true" on pause
inline constexpr const char *kLabelSandboxId = "io.coxswain.sandbox.id"; // on app containers
inline constexpr const char *kLabelHostNetwork = "io.coxswain.host-network";
inline constexpr const char *kLabelLogPath = "io.coxswain.log-path";
inline constexpr const char *kLabelTty = "io.coxswain.tty";

// What an app container takes from its pod beyond the ContainerConfig.
struct PodContext {
    std::string sandboxId;
    bool hostNetwork = false;
    std::string resolvConfPath; // bind-mounted over /etc/resolv.conf when set
    std::string hostsPath;      // bind-mounted over /etc/hosts when set
    std::string cgroupParent;
};

class DockerMapping {
public:
    // The pause container: networking disabled (a bare netns from runc that CNI attaches) or
    // NetworkMode host, IPC shareable so app containers can join it, restart policy "no" (the
    // agent decides about restarts).
    static nlohmann::json sandboxCreateBody(const SandboxConfig &config,
                                            const std::string &pauseImage);
    static nlohmann::json containerCreateBody(const ContainerConfig &config, const PodContext &pod);

    // Labels with the pod identity filled in, as written on the pause container.
    static Labels sandboxLabels(const SandboxConfig &config);

    // GET /containers/{id}/json -> ContainerStatus. imageId is the caller's (it needs the
    // image's RepoDigests, another call).
    static ContainerStatus containerStatus(const nlohmann::json &inspect);
    static SandboxStatus sandboxStatus(const nlohmann::json &inspect, const std::string &ip);

    // RFC3339Nano; Docker's zero time "0001-01-01T00:00:00Z" and garbage -> epoch.
    static std::chrono::system_clock::time_point parseTime(const std::string &text);
    // A container name Docker accepts: [a-zA-Z0-9][a-zA-Z0-9_.-]*.
    static std::string containerName(const std::vector<std::string> &parts);
    // The "sha256:..." digest of a repo digest "name@sha256:...", else `imageId` itself.
    static std::string imageDigest(const nlohmann::json &imageInspect);
};

} // namespace cox::agent::docker
