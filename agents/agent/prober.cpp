#include "prober.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace cox::agent {

namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

bool waitFor(int fd, short events, int timeoutMs) {
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, timeoutMs) == 1 && (p.revents & events);
}

// A connected socket to host:port within `timeoutMs`, or -1.
int connectTo(const std::string &host, int port, int timeoutMs) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *res = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res)
        return -1;
    int fd = ::socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    bool ok = fd >= 0 && (::connect(fd, res->ai_addr, res->ai_addrlen) == 0 ||
                          (errno == EINPROGRESS && waitFor(fd, POLLOUT, timeoutMs)));
    freeaddrinfo(res);
    int err = 0;
    socklen_t len = sizeof err;
    if (ok && (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0))
        ok = false;
    if (!ok && fd >= 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int portOf(const model::IntOrString &port) {
    return port.isString() ? 0 : port.intValue(); // named ports: not resolved
}

bool httpGet(const model::HttpGetAction &a, const std::string &host, int timeoutMs) {
    Fd s{connectTo(host, portOf(a.port), timeoutMs)};
    if (s.fd < 0)
        return false;
    std::string req = "GET " + (a.path.empty() ? std::string("/") : a.path) +
                      " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: coxswain-probe/1.0\r\n" +
                      "Connection: close\r\n\r\n";
    if (::send(s.fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
        return false;
    std::string head;
    char buf[512];
    while (head.find("\r\n") == std::string::npos && waitFor(s.fd, POLLIN, timeoutMs)) {
        ssize_t n = ::recv(s.fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        head.append(buf, static_cast<size_t>(n));
    }
    // "HTTP/1.1 200 OK"
    if (head.size() < 12 || head.rfind("HTTP/", 0) != 0)
        return false;
    int code = std::atoi(head.c_str() + head.find(' ') + 1);
    return code >= 200 && code < 400;
}

bool execProbe(ContainerRuntime &runtime, const model::Probe &p, const std::string &id) {
    auto r = runtime.execSync(id, p.exec->command,
                              std::chrono::seconds(p.timeoutSeconds > 0 ? p.timeoutSeconds : 1));
    return r && r->exitCode == 0;
}

} // namespace

bool NetworkProber::probe(const model::Probe &p, const std::string &containerId,
                          const std::string &podIp) {
    const int timeoutMs = 1000 * (p.timeoutSeconds > 0 ? p.timeoutSeconds : 1);
    if (p.exec)
        return execProbe(m_runtime, p, containerId);
    if (p.httpGet)
        return httpGet(*p.httpGet, p.httpGet->host.empty() ? podIp : p.httpGet->host, timeoutMs);
    if (p.tcpSocket) {
        Fd s{connectTo(p.tcpSocket->host.empty() ? podIp : p.tcpSocket->host,
                       portOf(p.tcpSocket->port), timeoutMs)};
        return s.fd >= 0;
    }
    return true;
}

bool HollowProber::probe(const model::Probe &p, const std::string &containerId,
                         const std::string &) {
    return p.exec ? execProbe(m_runtime, p, containerId) : true;
}

} // namespace cox::agent
