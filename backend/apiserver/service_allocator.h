// ServiceAllocator: cluster IPs from the service CIDR and node ports from the node-port range.
// The allocation state is the set of Services in the store; it is read once, then kept in memory
// under a mutex (this API server is the only writer of Services).
#pragma once

#include "common/result.h"
#include "store/store.h"

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace cox::apiserver {

class ServiceAllocator {
public:
    ServiceAllocator(std::string cidr, std::pair<int, int> nodePortRange);

    // Reads the allocations of existing Services once.
    Status load(store::Store &store);

    // `requested` empty = any free address. The network and first addresses are never handed out
    // (the first host address belongs to the `kubernetes` Service, which requests it).
    Result<std::string> allocateIp(const std::string &requested);
    void releaseIp(const std::string &ip);
    // `requested` 0 = any free port.
    Result<int> allocatePort(int requested);
    void releasePort(int port);

    // "10.43.0.1": the first host address of the range.
    std::string firstHostAddress() const;

private:
    bool parseIp(const std::string &text, uint32_t &out) const;
    static std::string formatIp(uint32_t ip);

    std::mutex m_mutex;
    bool m_loaded = false;
    bool m_valid = false;
    uint32_t m_base = 0;
    uint32_t m_size = 0;
    std::pair<int, int> m_portRange;
    std::set<uint32_t> m_ips;
    std::set<int> m_ports;
    uint32_t m_nextIp = 2;
    int m_nextPort = 0;
};

} // namespace cox::apiserver
