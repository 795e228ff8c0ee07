// InstallLayout: where the agent lives on a machine. Every path is configurable because test
// "machines" are network namespaces sharing one filesystem, so each gets its own root; the
// defaults are the ones a real machine uses.
#pragma once

#include <string>

namespace cox::bootstrap {

struct InstallLayout {
    std::string binDir = "/usr/local/bin";
    std::string configDir = "/etc/coxswain";
    std::string dataDir = "/var/lib/coxswain-agent";
    std::string runDir = "/run/coxswain"; // pid files of the supervised fallback
    std::string logFile = "/var/log/coxswain-agent.log";
    std::string serviceName = "coxswain-agent";
    std::string systemdUnitDir = "/etc/systemd/system";
    std::string cniBinDir = "/usr/lib/cni";

    // The same layout with every directory below `root` (tests, unusual machines).
    static InstallLayout underRoot(const std::string &root);

    std::string binaryPath() const { return binDir + "/coxswain-agent"; }
    std::string configFile() const { return configDir + "/agent.json"; }
    std::string tokenFile() const { return configDir + "/join-token"; }
    std::string launcherScript() const { return configDir + "/run-agent.sh"; }
    std::string supervisorScript() const { return configDir + "/supervise-agent.sh"; }
    std::string supervisorPidFile() const { return runDir + "/" + serviceName + ".supervisor.pid"; }
    std::string agentPidFile() const { return runDir + "/" + serviceName + ".pid"; }
    std::string unitFile() const { return systemdUnitDir + "/" + serviceName + ".service"; }
};

} // namespace cox::bootstrap
