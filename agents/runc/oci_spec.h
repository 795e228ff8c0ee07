// OciSpec: turns a ContainerConfig (plus the prepared rootfs and the sandbox's pinned namespaces)
// into an OCI runtime-spec config.json for runc. Defaults follow `runc spec` and Docker: the
// Docker default capability set, no new privileges, masked and read-only /proc paths.
#pragma once

#include "common/result.h"
#include "runc/rootfs_provider.h"
#include "runtime/runtime.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cox::agent::runc {

struct OciSpecInputs {
    ContainerConfig container;
    PreparedRootfs rootfs;
    std::string hostname;
    std::string netnsPath; // empty = host network
    std::string utsPath;   // pod-shared UTS namespace; empty = a private one
    std::string ipcPath;   // pod-shared IPC namespace; empty = a private one
    std::string cgroupsPath;
    std::string resolvConfPath; // host files bind-mounted over /etc/...
    std::string hostsPath;
    std::string hostnamePath;
};

class OciSpec {
public:
    // The process argv: command/args override the image's entrypoint/cmd the Kubernetes way
    // (command replaces entrypoint and drops cmd; args replace cmd).
    static Result<std::vector<std::string>> processArgs(const ContainerConfig &container,
                                                        const PreparedRootfs &rootfs);
    // Image env first, container env overriding by name, PATH defaulted.
    static std::vector<std::string> processEnv(const ContainerConfig &container,
                                               const PreparedRootfs &rootfs,
                                               const std::string &hostname);
    static Result<nlohmann::json> build(const OciSpecInputs &inputs);
};

} // namespace cox::agent::runc
