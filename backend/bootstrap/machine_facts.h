// MachineFacts: what the probe step learned about a machine, parsed from the key=value lines the
// probe script prints. Everything later steps decide on (architecture, systemd, what is missing,
// whether an agent is installed and which build) comes from here.
#pragma once

#include "bootstrap/install_layout.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::bootstrap {

struct MachineFacts {
    std::string arch;   // uname -m: x86_64, aarch64, ...
    std::string goArch; // amd64, arm64 ("" when unsupported)
    std::string os;     // PRETTY_NAME
    std::string osId;   // debian, ubuntu, fedora, ...
    std::string kernel;
    std::string libc;
    std::string hostname;
    bool systemd = false;
    std::string cgroup; // v1, v2, hybrid
    int64_t diskFreeMb = -1;
    std::string packageManager; // apt-get, dnf, yum, zypper, ""
    bool runc = false, iptables = false, docker = false, sha256sum = false, setsid = false;
    std::vector<std::string> missingCniPlugins;
    std::vector<std::string> portsInUse; // the agent's ports already taken by something
    std::string agentVersion;            // "" = no agent installed
    std::string agentSha256;
    bool agentRunning = false;

    // The shell script that prints the facts; reads only, changes nothing.
    static std::string probeScript(const InstallLayout &layout);
    static MachineFacts parse(const std::string &output);
    // One line for the progress log: "Debian GNU/Linux 12, x86_64, kernel 6.1, systemd, cgroup v2".
    std::string summary() const;
};

} // namespace cox::bootstrap
