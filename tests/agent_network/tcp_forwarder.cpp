#include "tcp_forwarder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cox::agent::testing {

TcpForwarder::TcpForwarder(const std::string &listenAddress, int targetPort)
    : m_targetPort(targetPort) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, listenAddress.c_str(), &addr.sin_addr);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::listen(fd, 64) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len)) {
        if (fd >= 0)
            ::close(fd);
        return;
    }
    m_listenFd = fd;
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

TcpForwarder::~TcpForwarder() {
    m_stop = true;
    if (m_acceptor.joinable())
        m_acceptor.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    std::lock_guard lock(m_mutex);
    for (auto &t : m_relays)
        t.join();
}

void TcpForwarder::acceptLoop() {
    while (!m_stop) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        int client = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        std::lock_guard lock(m_mutex);
        m_relays.emplace_back([this, client] { relay(client); });
    }
}

// Copies both ways; poll wakes every 200 ms to notice the stop flag.
void TcpForwarder::relay(int client) {
    int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(m_targetPort));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (server < 0 || ::connect(server, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(client);
        if (server >= 0)
            ::close(server);
        return;
    }
    char buffer[65536];
    bool open[2] = {true, true}; // client->server, server->client
    while (!m_stop && (open[0] || open[1])) {
        pollfd fds[2] = {{client, static_cast<short>(open[0] ? POLLIN : 0), 0},
                         {server, static_cast<short>(open[1] ? POLLIN : 0), 0}};
        if (::poll(fds, 2, 200) <= 0)
            continue;
        for (int i = 0; i < 2; ++i) {
            if (!open[i] || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            int from = i == 0 ? client : server, to = i == 0 ? server : client;
            ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
            bool sent = n > 0;
            for (ssize_t done = 0; sent && done < n;) {
                ssize_t w = ::send(to, buffer + done, static_cast<size_t>(n - done), MSG_NOSIGNAL);
                sent = w > 0;
                done += w > 0 ? w : 0;
            }
            if (!sent) {
                open[i] = false;
                ::shutdown(to, SHUT_WR);
            }
        }
    }
    ::close(client);
    ::close(server);
}

} // namespace cox::agent::testing
