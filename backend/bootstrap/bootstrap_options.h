// The inputs and the outcome of bootstrapping one machine: MachineSpec (where and who),
// BootstrapOptions (shared by every machine of a run: cluster, agent, callbacks, timeouts) and
// MachineResult (what happened; on failure the step, the cause and what to do).
#pragma once

#include "bootstrap/cluster_api.h"
#include "bootstrap/credentials.h"
#include "bootstrap/install_layout.h"
#include "bootstrap/machine_facts.h"
#include "bootstrap/progress.h"
#include "common/status.h"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace cox::bootstrap {

struct MachineSpec {
    std::string host; // IPv4, IPv6 or host name
    uint16_t port = 22;
    std::string jumpHost; // optional "user@host:port"
    std::string nodeName; // default: the machine's host name, lower-cased
    // A fingerprint "SHA256:..." known in advance: an unknown key matching it is trusted without
    // asking; one not matching it is refused.
    std::string hostKeyFingerprint;
    Credentials credentials;
    InstallLayout layout;
    std::map<std::string, std::string> labels;
};

enum class ServiceMode { Auto, Systemd, Supervisor };

struct BootstrapOptions {
    std::string knownHostsPath; // the application's own known_hosts
    ClusterAccess cluster;
    // https://HOST:PORT as machines reach the API server; empty = this host's address on the SSH
    // connection with `apiPort`.
    std::string agentServerUrl;
    uint16_t apiPort = 6443;
    std::string agentBinary;                // explicit path; empty = AgentLocator
    std::vector<std::string> agentPrefixes; // empty = AgentLocator::defaultPrefixes()
    std::string runtime = "runc";           // the agent's --runtime
    ServiceMode serviceMode = ServiceMode::Auto;
    bool installPrerequisites = false; // may use the machine's package manager
    bool removeData = false;           // removal: also delete the agent's data directory
    std::chrono::milliseconds connectTimeout{10'000};
    std::chrono::milliseconds commandTimeout{300'000}; // one remote command (package installs)
    std::chrono::milliseconds readyTimeout{120'000};
    std::chrono::milliseconds drainTimeout{120'000};
    std::chrono::milliseconds pollInterval{200};
    ProgressCallback progress;
    HostKeyConfirm confirmHostKey;
    // Fault injection for tests: runs after the SFTP upload, before the checksum on the machine.
    std::function<void(const std::string &remoteTempPath)> afterUpload;
};

struct MachineResult {
    std::string host;
    std::string nodeName;
    std::string serverUrl; // the API server URL the machine's agent uses
    bool ok = false;
    bool cancelled = false;
    std::string failedStep;
    std::string cause;
    std::string remedy;
    MachineFacts facts;
    bool agentInstalled = false; // a new binary was put in place (first install or upgrade)
    bool agentRestarted = false;
    std::string previousAgentVersion;
    std::vector<std::string> agentLogTail; // on a Ready timeout
    std::chrono::milliseconds elapsed{0};

    // "step <s> failed on <host>: <cause>. To fix: <remedy>" (Ok when ok).
    Status status() const;
};

} // namespace cox::bootstrap
