#include "apiserver/service_allocator.h"

#include "model/json.h"

#include <arpa/inet.h>

namespace cox::apiserver {

ServiceAllocator::ServiceAllocator(std::string cidr, std::pair<int, int> nodePortRange)
    : m_portRange(nodePortRange) {
    auto slash = cidr.find('/');
    in_addr addr{};
    if (slash == std::string::npos || inet_pton(AF_INET, cidr.substr(0, slash).c_str(), &addr) != 1)
        return;
    int bits = std::atoi(cidr.c_str() + slash + 1);
    if (bits < 8 || bits > 30)
        return;
    m_size = uint32_t(1) << (32 - bits);
    m_base = ntohl(addr.s_addr) & ~(m_size - 1);
    m_valid = true;
    m_nextPort = m_portRange.first;
}

std::string ServiceAllocator::formatIp(uint32_t ip) {
    in_addr addr{htonl(ip)};
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr, buf, sizeof buf);
    return buf;
}

bool ServiceAllocator::parseIp(const std::string &text, uint32_t &out) const {
    in_addr addr{};
    if (inet_pton(AF_INET, text.c_str(), &addr) != 1)
        return false;
    out = ntohl(addr.s_addr);
    return true;
}

std::string ServiceAllocator::firstHostAddress() const {
    return formatIp(m_base + 1);
}

Status ServiceAllocator::load(store::Store &store) {
    std::lock_guard lock(m_mutex);
    if (m_loaded)
        return Status::ok();
    auto listed = store.list("/registry/services/");
    if (!listed)
        return listed.status();
    for (const auto &kv : listed->items) {
        auto svc = model::Json::parse(*kv.value, nullptr, false);
        if (!svc.is_object() || !svc.contains("spec") || !svc["spec"].is_object())
            continue;
        const auto &spec = svc["spec"];
        uint32_t ip;
        if (spec.contains("clusterIP") && spec["clusterIP"].is_string() &&
            parseIp(spec["clusterIP"].get<std::string>(), ip))
            m_ips.insert(ip);
        if (spec.contains("ports") && spec["ports"].is_array())
            for (const auto &p : spec["ports"])
                if (p.is_object() && p.contains("nodePort") && p["nodePort"].is_number_integer())
                    m_ports.insert(p["nodePort"].get<int>());
    }
    m_loaded = true;
    return Status::ok();
}

Result<std::string> ServiceAllocator::allocateIp(const std::string &requested) {
    std::lock_guard lock(m_mutex);
    if (!m_valid)
        return Status(StatusCode::Internal, "the service CIDR is not a valid IPv4 range");
    if (!requested.empty()) {
        uint32_t ip;
        if (!parseIp(requested, ip))
            return Status(StatusCode::Invalid, "must be a valid IP address");
        if (ip <= m_base || ip >= m_base + m_size - 1)
            return Status(StatusCode::Invalid,
                          "provided IP is not in the valid range. The range of valid IPs is " +
                              formatIp(m_base) + "/" + std::to_string(32 - __builtin_ctz(m_size)));
        if (!m_ips.insert(ip).second)
            return Status(StatusCode::Invalid, "provided IP is already allocated");
        return formatIp(ip);
    }
    // Scan from where the last allocation ended so released addresses are not reused at once.
    uint32_t hosts = m_size - 2;
    for (uint32_t i = 0; i < hosts; ++i) {
        uint32_t offset = 2 + (m_nextIp - 2 + i) % (hosts - 1);
        if (m_ips.insert(m_base + offset).second) {
            m_nextIp = offset + 1;
            return formatIp(m_base + offset);
        }
    }
    return Status(StatusCode::Internal, "range is full: no IP addresses left for services");
}

void ServiceAllocator::releaseIp(const std::string &ip) {
    std::lock_guard lock(m_mutex);
    uint32_t value;
    if (parseIp(ip, value))
        m_ips.erase(value);
}

Result<int> ServiceAllocator::allocatePort(int requested) {
    std::lock_guard lock(m_mutex);
    auto [lo, hi] = m_portRange;
    if (requested != 0) {
        if (requested < lo || requested > hi)
            return Status(StatusCode::Invalid, "provided port is not in the valid range. The range "
                                               "of valid ports is " +
                                                   std::to_string(lo) + "-" + std::to_string(hi));
        if (!m_ports.insert(requested).second)
            return Status(StatusCode::Invalid, "provided port is already allocated");
        return requested;
    }
    int count = hi - lo + 1;
    for (int i = 0; i < count; ++i) {
        int port = lo + (m_nextPort - lo + i) % count;
        if (m_ports.insert(port).second) {
            m_nextPort = port + 1;
            return port;
        }
    }
    return Status(StatusCode::Internal, "range is full: no node ports left");
}

void ServiceAllocator::releasePort(int port) {
    std::lock_guard lock(m_mutex);
    m_ports.erase(port);
}

} // namespace cox::apiserver
