// DockerRuntime: the ContainerRuntime over the Docker Engine API. A pod sandbox is a "pause"
// container (PauseImage, made on the node) with networking disabled whose network namespace
// (/proc/<pid>/ns/net) is attached by the same CniNetwork the runc runtime uses, so pod IPs come
// from the node's pod CIDR exactly as on runc; hostNetwork pods use NetworkMode host. App
// containers join the pause's network and IPC namespaces ("container:<id>"), and get the pod's
// resolv.conf and hosts as bind mounts. Identity lives in Docker labels (kLabel* of runtime.h
// plus docker_mapping.h's), so a restarted agent lists and adopts everything; the only files
// are per-sandbox records under stateDir (the CNI result DEL needs, and the pod files).
//
// Layout under stateDir: sandboxes/<id>.json, sandboxes/<id>/{resolv.conf,hosts},
// cni/{conf,ipam}.
#pragma once

#include "docker/docker_client.h"
#include "docker/log_follower.h"
#include "runc/cni_network.h"
#include "runtime/keyed_locks.h"
#include "runtime/runtime.h"

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace cox::agent::docker {

class StepTrace;

struct DockerRuntimeOptions {
    std::string socketPath = kDefaultSocket;
    std::string stateDir; // required
    runc::CniOptions cni; // podCidr required; confDir/ipamDataDir default under stateDir/cni
    std::chrono::milliseconds callTimeout = std::chrono::seconds(60);
    std::chrono::milliseconds pullTimeout = std::chrono::minutes(10);
};

class DockerRuntime final : public ContainerRuntime {
public:
    // Connects (Unavailable naming the socket when no daemon answers), writes the CNI configs,
    // makes the pause image and resumes log followers of the containers already there.
    static Result<std::unique_ptr<DockerRuntime>> create(DockerRuntimeOptions options);
    ~DockerRuntime() override;

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
    Result<std::vector<ContainerStatus>> listContainers(const std::string &sandboxId = {}) override;
    Result<ExecResult> execSync(const std::string &containerId,
                                const std::vector<std::string> &command,
                                std::chrono::seconds timeout) override;

    Result<bool> imagePresent(const std::string &image) override;
    Status pullImage(const std::string &image, const std::optional<ImageAuth> &auth) override;

    // Removes the pod CIDR's masquerade rule the runtime set up (when the CNI options asked for
    // ipMasq); for a node that is being taken apart, not for an agent restart.
    Status removeMasquerade();

    const DockerClient &client() const { return *m_client; }
    // The host pid of a running container's process, -1 when it is not running.
    pid_t containerPid(const std::string &containerId) const;
    // X-Registry-Auth for a pull: base64url of Docker's AuthConfig JSON.
    static std::string registryAuthHeader(const ImageAuth &auth);

private:
    DockerRuntime(DockerRuntimeOptions options, std::unique_ptr<DockerClient> client);

    std::string recordPath(const std::string &sandboxId) const;
    std::string podDir(const std::string &sandboxId) const;
    Status attachNetwork(const std::string &id, const SandboxConfig &config, nlohmann::json &record,
                         StepTrace &trace);
    Status detachNetwork(const std::string &id, nlohmann::json &record);
    Status writePodFiles(const std::string &id, const SandboxConfig &config,
                         const std::string &ip) const;
    Result<std::vector<std::string>> listIds(const std::string &labelFilter) const;
    std::string imageDigest(const std::string &imageId);
    void resumeLogFollowers();

    DockerRuntimeOptions m_options;
    std::unique_ptr<DockerClient> m_client;
    runc::CniNetwork m_cni;
    LogFollowers m_logs;
    KeyedLocks m_locks; // per sandbox / container id
    bool m_masquerade = false;
    struct CreatedContainer {
        std::string logPath;
        bool tty = false;
    };
    std::mutex m_createdMutex;
    std::map<std::string, CreatedContainer> m_created; // created, not yet started
    std::mutex m_digestMutex;
    std::map<std::string, std::string> m_digests; // image id -> repo digest
};

} // namespace cox::agent::docker
