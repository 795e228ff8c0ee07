// The files that make the agent a service on a machine: the launcher (the agent's command line;
// the join token is read from its 0600 file and passed only until the node has credentials), the
// systemd unit, and the supervisor loop used where there is no systemd. Pure text builders, so
// what runs on a machine is reviewable in one place and unit-testable.
#pragma once

#include "bootstrap/install_layout.h"

#include <string>

namespace cox::bootstrap {

struct AgentLaunch {
    std::string serverUrl; // as the machine reaches the API server
    std::string nodeName;
    std::string runtime = "runc";
};

class ServiceFiles {
public:
    static std::string launcher(const InstallLayout &layout, const AgentLaunch &launch);
    static std::string systemdUnit(const InstallLayout &layout);
    static std::string supervisor(const InstallLayout &layout);
    // Shell commands (run privileged) for the supervised fallback.
    static std::string startSupervisorCommand(const InstallLayout &layout);
    static std::string stopSupervisorCommand(const InstallLayout &layout);
    static std::string supervisorRunningCommand(const InstallLayout &layout);
};

} // namespace cox::bootstrap
