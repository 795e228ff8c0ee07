#include "http/server.h"

#include "common/log.h"
#include "http/connection_session.h"
#include "http/tls_stream.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cox::http {

namespace {

std::string peerAddress(const sockaddr_storage &addr) {
    char host[INET6_ADDRSTRLEN] = {};
    uint16_t port = 0;
    if (addr.ss_family == AF_INET) {
        auto *a = reinterpret_cast<const sockaddr_in *>(&addr);
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        port = ntohs(a->sin_port);
        return std::string(host) + ":" + std::to_string(port);
    }
    auto *a = reinterpret_cast<const sockaddr_in6 *>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
    port = ntohs(a->sin6_port);
    return "[" + std::string(host) + "]:" + std::to_string(port);
}

Result<int> listenOn(const std::string &address, uint16_t port) {
    addrinfo hints{};
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    std::string service = std::to_string(port);
    if (int rc = getaddrinfo(address.empty() ? nullptr : address.c_str(), service.c_str(), &hints,
                             &list);
        rc != 0)
        return Status(StatusCode::Invalid, "bad bind address " + address + ": " + gai_strerror(rc));
    int fd = ::socket(list->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1, zero = 0;
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (list->ai_family == AF_INET6) // "::" serves IPv4 clients too
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    }
    bool ok =
        fd >= 0 && ::bind(fd, list->ai_addr, list->ai_addrlen) == 0 && ::listen(fd, 1024) == 0;
    int err = errno;
    freeaddrinfo(list);
    if (!ok) {
        if (fd >= 0)
            ::close(fd);
        return Status(StatusCode::Unavailable,
                      "listen on " + address + ":" + service + ": " + std::strerror(err));
    }
    return fd;
}

uint16_t boundPort(int fd) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    if (addr.ss_family == AF_INET)
        return ntohs(reinterpret_cast<sockaddr_in *>(&addr)->sin_port);
    return ntohs(reinterpret_cast<sockaddr_in6 *>(&addr)->sin6_port);
}

} // namespace

Server::Server(ServerConfig config)
    : m_config(std::move(config)) {}

Server::~Server() {
    stop();
}

Status Server::start() {
    if (!m_config.sslContext || !m_config.handler)
        return Status(StatusCode::Invalid, "server needs an SSL context and a handler");
    if (m_listenFd >= 0)
        return Status(StatusCode::Conflict, "server already started");
    auto fd = listenOn(m_config.bindAddress, m_config.port);
    if (!fd)
        return fd.status();
    m_listenFd = *fd;
    m_port = boundPort(m_listenFd);
    m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    m_stopping = false;
    m_acceptThread = std::thread([this] { acceptLoop(); });
    COX_LOG(Info, "http") << "listening on " << m_config.bindAddress << ":" << m_port;
    return Status::ok();
}

void Server::stop() {
    if (m_listenFd < 0)
        return;
    m_stopping = true;
    uint64_t one = 1;
    [[maybe_unused]] ssize_t w = ::write(m_wakeFd, &one, sizeof one);
    m_acceptThread.join();
    ::close(m_listenFd);
    ::close(m_wakeFd);
    m_listenFd = m_wakeFd = -1;
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[id, conn] : m_connections) {
            // Wakes a thread blocked in read/poll; the fd itself is closed by its owner thread.
            if (conn.fd >= 0)
                ::shutdown(conn.fd, SHUT_RDWR);
            threads.push_back(std::move(conn.thread));
        }
    }
    for (auto &t : threads)
        t.join();
    std::lock_guard lock(m_mutex);
    m_connections.clear();
    m_finished.clear();
}

size_t Server::connectionCount() const {
    std::lock_guard lock(m_mutex);
    return m_connections.size() - m_finished.size();
}

void Server::acceptLoop() {
    while (!m_stopping) {
        pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_wakeFd, POLLIN, 0}};
        // The timeout only bounds how long finished connection threads wait to be joined.
        int rc = ::poll(fds, 2, 1000);
        reapFinished();
        if (rc <= 0 || !(fds[0].revents & POLLIN))
            continue;
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_connections.size() - m_finished.size() >= m_config.maxConnections) {
            COX_LOG(Warn, "http") << "connection limit reached; refusing " << peerAddress(addr);
            ::close(fd);
            continue;
        }
        uint64_t id = m_nextId++;
        Connection &conn = m_connections[id];
        conn.fd = fd;
        std::string remote = peerAddress(addr);
        conn.thread = std::thread([this, id, fd, remote] {
            auto stream = TlsStream::accept(fd, m_config.sslContext->native_handle(),
                                            m_config.handshakeTimeout);
            if (!stream) {
                COX_LOG(Debug, "http") << remote << ": " << stream.status().message();
                connectionClosing(id);
                ::close(fd);
                return;
            }
            ConnectionSession session(**stream, m_config, remote);
            session.run();
            connectionClosing(id);
            // `stream` (and the fd) die here, after stop() can no longer touch the fd.
        });
    }
}

void Server::connectionClosing(uint64_t id) {
    std::lock_guard lock(m_mutex);
    auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    ::shutdown(it->second.fd, SHUT_RDWR);
    it->second.fd = -1;
    m_finished.push_back(id);
}

void Server::reapFinished() {
    std::vector<std::thread> done;
    {
        std::lock_guard lock(m_mutex);
        for (uint64_t id : m_finished) {
            auto it = m_connections.find(id);
            if (it == m_connections.end())
                continue;
            done.push_back(std::move(it->second.thread));
            m_connections.erase(it);
        }
        m_finished.clear();
    }
    for (auto &t : done)
        t.join();
}

} // namespace cox::http
