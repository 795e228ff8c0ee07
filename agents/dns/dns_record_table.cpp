#include "dns/dns_record_table.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>

namespace cox::agent::dns {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool endsWith(const std::string &text, const std::string &suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

DnsRecordTable::DnsRecordTable(std::string clusterDomain, uint32_t ttl)
    : m_domain(lower(std::move(clusterDomain)))
    , m_ttl(ttl) {
    m_names.insert(m_domain);
}

bool DnsRecordTable::inZone(const std::string &name) const {
    return name == m_domain || endsWith(name, "." + m_domain);
}

void DnsRecordTable::addName(const std::string &name) {
    // The name and every ancestor inside the zone exist.
    for (std::string current = name; inZone(current);) {
        if (!m_names.insert(current).second)
            break;
        size_t dot = current.find('.');
        if (dot == std::string::npos)
            break;
        current = current.substr(dot + 1);
    }
}

void DnsRecordTable::addA(const std::string &name, const std::string &ip) {
    DnsRecord record{lower(name), RecordType::A, m_ttl, ip, {}, 0, 0, 0};
    auto &list = m_records[record.name];
    if (std::find(list.begin(), list.end(), record) == list.end())
        list.push_back(record);
    addName(record.name);
}

void DnsRecordTable::addSrv(const std::string &name, const std::string &target, uint16_t port) {
    DnsRecord record{lower(name), RecordType::Srv, m_ttl, {}, lower(target), 0, 100, port};
    m_records[record.name].push_back(record);
    addName(record.name);
}

void DnsRecordTable::addCname(const std::string &name, const std::string &target) {
    DnsRecord record{lower(name), RecordType::Cname, m_ttl, {}, lower(target), 0, 0, 0};
    m_records[record.name] = {record};
    addName(record.name);
}

size_t DnsRecordTable::recordCount() const {
    size_t count = 0;
    for (const auto &[name, list] : m_records)
        count += list.size();
    return count;
}

void DnsRecordTable::addService(const model::Service &service, const model::Endpoints *endpoints,
                                const std::string &externalName) {
    const auto &spec = service.spec;
    std::string fqdn =
        lower(service.metadata.name + "." + service.metadata.namespace_ + ".svc." + m_domain);
    if (spec.type == "ExternalName") {
        if (externalName.empty())
            addName(fqdn);
        else
            addCname(fqdn, externalName);
        return;
    }
    bool headless = spec.clusterIP == "None" || spec.clusterIP.empty();
    addName(fqdn);
    if (!headless)
        addA(fqdn, spec.clusterIP);
    for (const auto &port : spec.ports) {
        if (port.name.empty())
            continue;
        std::string proto = lower(port.protocol.empty() ? "tcp" : port.protocol);
        addSrv("_" + lower(port.name) + "._" + proto + "." + fqdn, fqdn,
               static_cast<uint16_t>(port.port));
    }
    if (!headless || !endpoints)
        return;
    for (const auto &subset : endpoints->subsets)
        for (const auto &address : subset.addresses) {
            addA(fqdn, address.ip);
            if (!address.hostname.empty())
                addA(address.hostname + "." + fqdn, address.ip);
        }
}

DnsRecordTable DnsRecordTable::build(const std::vector<model::Service> &services,
                                     const std::vector<model::Endpoints> &endpoints,
                                     const std::string &clusterDomain,
                                     const std::map<std::string, std::string> &externalNames) {
    DnsRecordTable table(clusterDomain);
    std::map<std::string, const model::Endpoints *> byKey;
    for (const auto &ep : endpoints)
        byKey[ep.metadata.namespace_ + "/" + ep.metadata.name] = &ep;
    for (const auto &service : services) {
        std::string key = service.metadata.namespace_ + "/" + service.metadata.name;
        auto it = byKey.find(key);
        auto external = externalNames.find(key);
        table.addService(service, it == byKey.end() ? nullptr : it->second,
                         external == externalNames.end() ? std::string() : external->second);
    }
    return table;
}

// "10-244-1-5.default.pod.cluster.local" answers 10.244.1.5 whatever pods exist, as kube-dns.
bool DnsRecordTable::podRecord(const std::string &name, DnsRecord &record) const {
    std::string suffix = ".pod." + m_domain;
    if (!endsWith(name, suffix))
        return false;
    std::string head = name.substr(0, name.size() - suffix.size());
    size_t dot = head.find('.');
    if (dot == std::string::npos || head.find('.', dot + 1) != std::string::npos)
        return false;
    std::string ip = head.substr(0, dot);
    std::replace(ip.begin(), ip.end(), '-', '.');
    in_addr parsed{};
    if (::inet_pton(AF_INET, ip.c_str(), &parsed) != 1)
        return false;
    record = DnsRecord{name, RecordType::A, m_ttl, ip, {}, 0, 0, 0};
    return true;
}

DnsLookup DnsRecordTable::lookup(const std::string &rawName, uint16_t type) const {
    std::string name = lower(rawName);
    if (!name.empty() && name.back() == '.')
        name.pop_back();
    DnsLookup result;
    DnsRecord pod;
    if (podRecord(name, pod)) {
        if (type == static_cast<uint16_t>(RecordType::A) ||
            type == static_cast<uint16_t>(RecordType::Any))
            result.records.push_back(pod);
        return result;
    }
    if (!m_names.count(name)) {
        result.rcode = Rcode::NxDomain;
        return result;
    }
    auto it = m_records.find(name);
    if (it == m_records.end())
        return result;
    for (const auto &record : it->second)
        if (static_cast<uint16_t>(record.type) == type ||
            type == static_cast<uint16_t>(RecordType::Any) || record.type == RecordType::Cname)
            result.records.push_back(record);
    return result;
}

} // namespace cox::agent::dns
