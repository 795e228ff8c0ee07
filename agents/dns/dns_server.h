// DnsServer: the node's cluster DNS. Answers names in the cluster domain from a DnsRecordTable
// (authoritative, NXDOMAIN for unknown names) and forwards every other name to the upstream
// resolvers, over UDP and TCP on one address and port. Chosen over running dnsmasq because the
// agent already holds Services and Endpoints in memory: setRecords() swaps the whole table
// under a lock in microseconds, with no config files, no SIGHUP and no second process to
// supervise. One io_context thread serves everything (DNS is tiny; one thread also lets the
// deadline handlers close sockets without locking).
#pragma once

#include "common/status.h"
#include "dns/dns_record_table.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cox::agent::dns {

struct DnsServerOptions {
    std::string listenAddress = "127.0.0.1";
    uint16_t port = 53;                 // 0: any free port (the same one for UDP and TCP)
    std::vector<std::string> upstreams; // "1.1.1.1" or "1.1.1.1:5353"
    std::chrono::milliseconds upstreamTimeout = std::chrono::seconds(2);
    // IP_FREEBIND: listen on the pod bridge's gateway address even before the first pod's CNI
    // ADD creates the bridge (the agent starts DNS before any pod).
    bool freeBind = false;
};

class DnsServer {
public:
    explicit DnsServer(DnsServerOptions options);
    ~DnsServer();
    DnsServer(const DnsServer &) = delete;
    DnsServer &operator=(const DnsServer &) = delete;

    // Binds UDP and TCP and starts serving on a background thread.
    Status start();
    void stop();
    uint16_t port() const { return m_port; }

    void setRecords(std::shared_ptr<const DnsRecordTable> records);
    std::shared_ptr<const DnsRecordTable> records() const;

    // Our answer to a query, or nullopt when it has to be forwarded (pure; tests call it).
    std::optional<std::vector<uint8_t>> answerLocally(const uint8_t *data, size_t size,
                                                      size_t maxSize) const;

    uint64_t answered() const { return m_answered.load(); }
    uint64_t forwarded() const { return m_forwarded.load(); }

private:
    struct Impl;
    DnsServerOptions m_options;
    uint16_t m_port = 0;
    mutable std::mutex m_mutex;
    std::shared_ptr<const DnsRecordTable> m_records;
    std::atomic<uint64_t> m_answered{0};
    std::atomic<uint64_t> m_forwarded{0};
    std::unique_ptr<Impl> m_impl;
    std::thread m_thread;
};

} // namespace cox::agent::dns
