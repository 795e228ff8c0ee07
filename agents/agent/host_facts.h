// HostFacts: what a node reports about its machine - CPU cores, memory, kernel, OS image,
// architecture, host name and the address of the interface that routes to the API server.
#pragma once

#include <cstdint>
#include <string>

namespace cox::agent {

struct HostFacts {
    int cpuCores = 1;
    int64_t memoryBytes = 0;
    std::string kernelVersion;
    std::string osImage;      // PRETTY_NAME of /etc/os-release
    std::string architecture; // Go-style: amd64, arm64
    std::string hostname;
    std::string internalIp; // source address towards the server

    // Reads /proc, uname and /etc/os-release; `serverHost`:`serverPort` picks the InternalIP.
    static HostFacts probe(const std::string &serverHost, uint16_t serverPort);
};

} // namespace cox::agent
