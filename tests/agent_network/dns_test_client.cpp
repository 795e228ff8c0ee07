#include "dns_test_client.h"

#include "dns/dns_message.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace cox::agent::testing {
namespace {

uint16_t get16(const std::vector<uint8_t> &m, size_t at) {
    return static_cast<uint16_t>((m[at] << 8) | m[at + 1]);
}

// Skips a possibly compressed name; returns false when it runs off the message.
bool skipName(const std::vector<uint8_t> &m, size_t &at) {
    while (at < m.size()) {
        uint8_t length = m[at];
        if ((length & 0xc0) == 0xc0) {
            at += 2;
            return at <= m.size();
        }
        at += 1 + length;
        if (length == 0)
            return true;
    }
    return false;
}

class Fd {
public:
    explicit Fd(int fd)
        : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

sockaddr_in address(const std::string &server, uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, server.c_str(), &addr.sin_addr);
    return addr;
}

void setTimeout(int fd, int timeoutMs) {
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool readAll(int fd, uint8_t *data, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::recv(fd, data + done, size - done, 0);
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

} // namespace

std::vector<uint8_t> buildQuery(uint16_t id, const std::string &name, uint16_t type) {
    std::vector<uint8_t> q = {static_cast<uint8_t>(id >> 8),
                              static_cast<uint8_t>(id & 0xff),
                              0x01,
                              0x00,
                              0,
                              1,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0};
    auto encoded = dns::DnsMessage::encodeName(name);
    q.insert(q.end(), encoded.begin(), encoded.end());
    q.insert(q.end(), {static_cast<uint8_t>(type >> 8), static_cast<uint8_t>(type & 0xff), 0, 1});
    return q;
}

DnsReply parseReply(const std::vector<uint8_t> &m) {
    DnsReply reply;
    if (m.size() < 12)
        return reply;
    reply.received = true;
    reply.id = get16(m, 0);
    reply.rcode = m[3] & 0x0f;
    reply.authoritative = m[2] & 0x04;
    reply.truncated = m[2] & 0x02;
    size_t at = 12;
    for (uint16_t i = 0, n = get16(m, 4); i < n; ++i)
        if (!skipName(m, at) || (at += 4) > m.size())
            return reply;
    for (uint16_t i = 0, n = get16(m, 6); i < n; ++i) {
        if (!skipName(m, at) || at + 10 > m.size())
            return reply;
        uint16_t type = get16(m, at);
        uint16_t length = get16(m, at + 8);
        at += 10;
        if (at + length > m.size())
            return reply;
        if (type == 1 && length == 4) {
            char text[INET_ADDRSTRLEN];
            ::inet_ntop(AF_INET, &m[at], text, sizeof text);
            reply.addresses.push_back(text);
        } else if (type == 33 && length >= 6) {
            reply.srvPorts.push_back(get16(m, at + 4));
        } else if (type == 5) {
            reply.cnames.push_back("cname");
        }
        at += length;
    }
    return reply;
}

DnsReply queryUdp(const std::string &server, uint16_t port, const std::string &name, uint16_t type,
                  int timeoutMs) {
    Fd fd(::socket(AF_INET, SOCK_DGRAM, 0));
    setTimeout(fd.get(), timeoutMs);
    auto addr = address(server, port);
    auto query = buildQuery(static_cast<uint16_t>(::getpid() ^ port), name, type);
    ::sendto(fd.get(), query.data(), query.size(), 0, reinterpret_cast<sockaddr *>(&addr),
             sizeof addr);
    std::vector<uint8_t> buffer(65535);
    ssize_t n = ::recv(fd.get(), buffer.data(), buffer.size(), 0);
    if (n <= 0)
        return {};
    buffer.resize(static_cast<size_t>(n));
    return parseReply(buffer);
}

DnsReply queryTcp(const std::string &server, uint16_t port, const std::string &name, uint16_t type,
                  int timeoutMs) {
    Fd fd(::socket(AF_INET, SOCK_STREAM, 0));
    setTimeout(fd.get(), timeoutMs);
    auto addr = address(server, port);
    if (::connect(fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        return {};
    auto query = buildQuery(0x4242, name, type);
    std::vector<uint8_t> framed = {static_cast<uint8_t>(query.size() >> 8),
                                   static_cast<uint8_t>(query.size() & 0xff)};
    framed.insert(framed.end(), query.begin(), query.end());
    if (::send(fd.get(), framed.data(), framed.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(framed.size()))
        return {};
    uint8_t length[2];
    if (!readAll(fd.get(), length, 2))
        return {};
    std::vector<uint8_t> buffer((length[0] << 8) | length[1]);
    if (!readAll(fd.get(), buffer.data(), buffer.size()))
        return {};
    return parseReply(buffer);
}

} // namespace cox::agent::testing
