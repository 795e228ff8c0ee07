// RuncRuntime: the node's real ContainerRuntime — pods are pinned network/UTS/IPC namespaces
// attached by the standard CNI plugins (bridge + host-local + portmap), containers are OCI
// bundles run by the runc binary under a per-container supervisor (ContainerShim) that keeps
// logs and exit codes. Every fact lives under the state dir, so a second instance over the
// same dir (a restarted agent) lists and adopts what runs, without restarting anything.
//
// With cni.ipMasq the runtime keeps one masquerade rule for the pod CIDR (PodMasquerade) and
// runs the bridge plugin without ipMasq.
//
// Layout under stateDir: sandboxes/<id>.json, sandboxes/<id>/{resolv.conf,hosts,hostname},
// ns/<id>/{net,uts,ipc} (pinned namespaces), containers/<id>/{config.json,container.json,
// exit-code,shim.lock,...}, cni/{conf,ipam}, runc/ (runc --root unless configured).
#pragma once

#include "runc/cni_network.h"
#include "runc/rootfs_provider.h"
#include "runc/subprocess.h"
#include "runtime/keyed_locks.h"
#include "runtime/runtime.h"

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace cox::agent::runc {

struct RuncRuntimeOptions {
    std::string stateDir;          // required; one per runtime instance
    std::string runcPath = "runc"; // looked up on PATH unless absolute
    // Runs each container's supervisor as `<shimPath> container-shim ...` (ContainerShim::main):
    // the agent's own binary, which /proc/self/exe names even after an upgrade replaced it.
    std::string shimPath = "/proc/self/exe";
    std::string runcRoot;                   // runc --root; default <stateDir>/runc
    std::string cgroupParent = "/coxswain"; // cgroupfs parent for pods without their own
    CniOptions cni;                         // confDir/ipamDataDir default under <stateDir>/cni
    std::chrono::milliseconds commandTimeout = std::chrono::seconds(30);
    std::shared_ptr<RootfsProvider> rootfs; // required
};

class RuncRuntime final : public ContainerRuntime {
public:
    // Checks runc, creates the state layout and writes the CNI configs.
    static Result<std::unique_ptr<RuncRuntime>> create(RuncRuntimeOptions options);

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

    // Paths other parts (tests, the agent's log reader) need.
    std::string containerDir(const std::string &containerId) const;
    std::string netnsPath(const std::string &sandboxId) const;
    // The container's cgroup path relative to the cgroup root (as in config.json).
    Result<std::string> containerCgroup(const std::string &containerId) const;
    const RuncRuntimeOptions &options() const { return m_options; }
    // Removes the node's PodMasquerade rules (when cni.ipMasq asked for them): for uninstalls and
    // tests that must leave the host's iptables as they found them. Pods lose egress NAT.
    Status removeMasquerade();

private:
    RuncRuntime(RuncRuntimeOptions options, std::string version);

    std::string sandboxRecordPath(const std::string &id) const;
    std::string sandboxDir(const std::string &id) const;
    std::string nsDir(const std::string &id) const;
    Result<ProcessOutput> runc(const std::vector<std::string> &args,
                               std::chrono::milliseconds timeout) const;
    Result<std::string> runcState(const std::string &containerId) const;

    Status writePodFiles(const std::string &id, const SandboxConfig &config,
                         const std::string &ip) const;
    Status teardownNetwork(nlohmann::json &record);
    void removeCgroupDirs(const std::string &cgroup) const;
    Result<ContainerStatus> statusFromRecord(const nlohmann::json &record);
    bool waitForExit(const std::string &containerId, std::chrono::milliseconds timeout) const;

    RuncRuntimeOptions m_options;
    std::string m_version;
    bool m_masquerade = false; // cni.ipMasq was asked for: PodMasquerade does it, not the plugin
    CniNetwork m_cni;
    KeyedLocks m_locks; // per sandbox / container id
};

} // namespace cox::agent::runc
