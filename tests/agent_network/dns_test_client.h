// A minimal synchronous DNS client for tests: one question over UDP or TCP to 127.0.0.1:port
// (or any address), with a receive timeout, and a parser for the answer section.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cox::agent::testing {

struct DnsReply {
    bool received = false;
    int rcode = -1;
    bool authoritative = false;
    bool truncated = false;
    uint16_t id = 0;
    std::vector<std::string> addresses; // A records, dotted quads
    std::vector<uint16_t> srvPorts;
    std::vector<std::string> cnames;
};

std::vector<uint8_t> buildQuery(uint16_t id, const std::string &name, uint16_t type);
DnsReply parseReply(const std::vector<uint8_t> &message);
DnsReply queryUdp(const std::string &server, uint16_t port, const std::string &name,
                  uint16_t type = 1, int timeoutMs = 3000);
DnsReply queryTcp(const std::string &server, uint16_t port, const std::string &name,
                  uint16_t type = 1, int timeoutMs = 3000);

} // namespace cox::agent::testing
