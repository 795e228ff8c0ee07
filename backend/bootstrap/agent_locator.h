// AgentLocator: finds the coxswain-agent binary for a machine's architecture: the path the caller
// gave, else <prefix>/lib/coxswain/agents/linux-<arch>/coxswain-agent (where the installer puts
// them), else the agent next to the running binary (a build tree). The ELF header must match the
// architecture, so an arm64 machine never receives an amd64 agent.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::bootstrap {

struct AgentBinary {
    std::string path;
    std::string goArch; // from the ELF header
    std::string sha256; // lower-case hex
    uint64_t size = 0;
};

class AgentLocator {
public:
    // `goArch`: amd64 or arm64. `prefixes` replace the default install prefixes when not empty.
    static Result<AgentBinary> find(const std::string &explicitPath, const std::string &goArch,
                                    const std::vector<std::string> &prefixes = {});
    // amd64/arm64/"" from a file's ELF header.
    static std::string elfArch(const std::string &path);
    static Result<std::string> sha256OfFile(const std::string &path);
    // <exe>/../.., /usr/local, /usr.
    static std::vector<std::string> defaultPrefixes();
};

} // namespace cox::bootstrap
