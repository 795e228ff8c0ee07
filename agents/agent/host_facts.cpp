#include "host_facts.h"

#include <arpa/inet.h>
#include <fstream>
#include <netdb.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

namespace cox::agent {

namespace {

int64_t memTotalBytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    int64_t kb = 0;
    std::string unit;
    while (in >> key >> kb >> unit) {
        if (key == "MemTotal:")
            return kb * 1024;
    }
    return 0;
}

std::string readOsImage() {
    std::ifstream in("/etc/os-release");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("PRETTY_NAME=", 0) != 0)
            continue;
        std::string v = line.substr(12);
        if (v.size() >= 2 && v.front() == '"')
            v = v.substr(1, v.size() - 2);
        return v;
    }
    return "Linux";
}

std::string goArch(const std::string &machine) {
    if (machine == "x86_64")
        return "amd64";
    if (machine == "aarch64")
        return "arm64";
    return machine;
}

// The local address a UDP "connection" to the server would use: no packet is sent.
std::string sourceAddressTowards(const std::string &host, uint16_t port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *res = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res)
        return "127.0.0.1";
    std::string out = "127.0.0.1";
    int fd = ::socket(res->ai_family, SOCK_DGRAM, 0);
    if (fd >= 0 && ::connect(fd, res->ai_addr, res->ai_addrlen) == 0) {
        sockaddr_storage local{};
        socklen_t len = sizeof local;
        char buf[INET6_ADDRSTRLEN] = {};
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &len) == 0 &&
            ::getnameinfo(reinterpret_cast<sockaddr *>(&local), len, buf, sizeof buf, nullptr, 0,
                          NI_NUMERICHOST) == 0)
            out = buf;
    }
    if (fd >= 0)
        ::close(fd);
    freeaddrinfo(res);
    return out;
}

} // namespace

HostFacts HostFacts::probe(const std::string &serverHost, uint16_t serverPort) {
    HostFacts f;
    f.cpuCores = std::max(1u, std::thread::hardware_concurrency());
    f.memoryBytes = memTotalBytes();
    utsname u{};
    if (uname(&u) == 0) {
        f.kernelVersion = u.release;
        f.architecture = goArch(u.machine);
    }
    f.osImage = readOsImage();
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    f.hostname = host;
    f.internalIp = sourceAddressTowards(serverHost, serverPort);
    return f;
}

} // namespace cox::agent
