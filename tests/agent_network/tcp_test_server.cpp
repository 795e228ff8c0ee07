#include "tcp_test_server.h"

#include "net_fixture.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cox::agent::testing {
namespace {

void answer(int fd, const std::string &name, TcpTestServer::Mode mode, const sockaddr_in &peer) {
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string reply;
    if (mode == TcpTestServer::Mode::Sink) {
        char buffer[65536];
        size_t total = 0;
        ssize_t n;
        while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
            total += static_cast<size_t>(n);
        reply = std::to_string(total) + "\n";
    } else {
        char ip[INET_ADDRSTRLEN];
        ::inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
        reply = name + " " + ip + "\n";
    }
    ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    ::close(fd);
}

} // namespace

TcpTestServer::TcpTestServer(std::string netns, int port, std::string name, Mode mode)
    : m_netns(std::move(netns))
    , m_name(std::move(name))
    , m_port(port)
    , m_mode(mode) {
    // The socket is created inside the namespace; accept() then works from any thread.
    inNetns(m_netns, [this] {
        m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(m_port));
        m_ok = ::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
               ::listen(m_listenFd, 128) == 0;
    });
    if (m_ok)
        m_thread = std::thread([this] { serve(); });
}

TcpTestServer::~TcpTestServer() {
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

void TcpTestServer::serve() {
    while (!m_stop) {
        pollfd pfd{m_listenFd, POLLIN, 0};
        if (::poll(&pfd, 1, 100) <= 0)
            continue;
        sockaddr_in peer{};
        socklen_t length = sizeof peer;
        int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&peer), &length, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        ++m_connections;
        answer(fd, m_name, m_mode, peer);
    }
}

TcpResult tcpRequest(const std::string &ip, int port, const std::string &payload, int timeoutMs) {
    TcpResult result;
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
    int rc = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    if (rc != 0 && errno == EINPROGRESS) {
        pollfd pfd{fd, POLLOUT, 0};
        if (::poll(&pfd, 1, timeoutMs) == 1) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            rc = error == 0 ? 0 : -1;
            errno = error;
        } else {
            errno = ETIMEDOUT;
        }
    }
    if (rc != 0) {
        result.error = errno;
        ::close(fd);
        return result;
    }
    result.connected = true;
    ::fcntl(fd, F_SETFL, 0);
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    for (size_t sent = 0; sent < payload.size();) {
        ssize_t n = ::send(fd, payload.data() + sent, payload.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += static_cast<size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
        result.response.append(buffer, static_cast<size_t>(n));
    ::close(fd);
    return result;
}

} // namespace cox::agent::testing
