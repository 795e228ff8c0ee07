// DnsMessage: the little of RFC 1035 the cluster DNS needs, as pure functions over bytes:
// parse a query's header and single question, and build an answer (A, SRV, CNAME records;
// NOERROR/NXDOMAIN/SERVFAIL/...) that repeats the question and points answer names at it.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::agent::dns {

enum class RecordType : uint16_t {
    A = 1,
    Cname = 5,
    Soa = 6,
    Ptr = 12,
    Aaaa = 28,
    Srv = 33,
    Any = 255
};

enum class Rcode : uint8_t { NoError = 0, FormErr = 1, ServFail = 2, NxDomain = 3, NotImp = 4 };

struct DnsQuestion {
    std::string name; // lower case, no trailing dot: "web.default.svc.cluster.local"
    uint16_t type = 0;
    uint16_t qclass = 1;
};

struct DnsQuery {
    uint16_t id = 0;
    uint16_t flags = 0;
    DnsQuestion question;
    size_t questionEnd = 0; // offset just past the question
    bool recursionDesired() const { return flags & 0x0100; }
    uint8_t opcode() const { return (flags >> 11) & 0x0f; }
};

struct DnsRecord {
    std::string name; // owner name (no trailing dot)
    RecordType type = RecordType::A;
    uint32_t ttl = 5;
    std::string address;                         // A: dotted quad
    std::string target;                          // SRV/CNAME target
    uint16_t priority = 0, weight = 0, port = 0; // SRV
    bool operator==(const DnsRecord &) const = default;
};

class DnsMessage {
public:
    static Result<DnsQuery> parseQuery(const uint8_t *data, size_t size);
    // A response to `query`. `maxSize` (512 on UDP without EDNS) truncates: no answers, TC set.
    static std::vector<uint8_t> answer(const DnsQuery &query, Rcode rcode,
                                       const std::vector<DnsRecord> &records, bool authoritative,
                                       size_t maxSize = 65535);
    // A bare error response echoing only the header id (for queries that do not parse).
    static std::vector<uint8_t> error(uint16_t id, Rcode rcode);
    // Wire-format name ("\3web\7default..."); empty when a label is empty or longer than 63.
    static std::vector<uint8_t> encodeName(const std::string &name);
    // Response parsing for tests and the forwarder: rcode and flags from a message header.
    static Rcode rcodeOf(const std::vector<uint8_t> &message);
};

} // namespace cox::agent::dns
