// DnsRecordTable: the cluster domain's records, built once per change from Services and
// Endpoints and then only read (the server swaps whole tables, so a lookup never sees half an
// update). Kubernetes DNS naming:
//   NAME.NS.svc.DOMAIN                   A  ClusterIP, or for a headless service the ready pod IPs
//   HOSTNAME.NAME.NS.svc.DOMAIN          A  a headless service's pod with a hostname
//   _PORT._PROTO.NAME.NS.svc.DOMAIN      SRV port on NAME.NS.svc.DOMAIN
//   A-B-C-D.NS.pod.DOMAIN                A  A.B.C.D (pod names, answered for any address)
//   NAME.NS.svc.DOMAIN (ExternalName)    CNAME the external name
// Names above existing ones (NS.svc.DOMAIN, svc.DOMAIN, DOMAIN) exist without records: NOERROR
// with no answer, not NXDOMAIN, so resolvers walking the search path behave.
#pragma once

#include "dns/dns_message.h"
#include "model/types/service.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace cox::agent::dns {

struct DnsLookup {
    Rcode rcode = Rcode::NoError;
    std::vector<DnsRecord> records;
};

class DnsRecordTable {
public:
    explicit DnsRecordTable(std::string clusterDomain = "cluster.local", uint32_t ttl = 5);

    // `externalNames`: "ns/name" -> spec.externalName of ExternalName services (ServiceSpec
    // does not model that field, so the caller reads it from the JSON).
    static DnsRecordTable build(const std::vector<model::Service> &services,
                                const std::vector<model::Endpoints> &endpoints,
                                const std::string &clusterDomain = "cluster.local",
                                const std::map<std::string, std::string> &externalNames = {});

    // True when `name` is in (or is) the cluster domain: we answer, never forward.
    bool inZone(const std::string &name) const;
    DnsLookup lookup(const std::string &name, uint16_t type) const;

    void addA(const std::string &name, const std::string &ip);
    void addSrv(const std::string &name, const std::string &target, uint16_t port);
    void addCname(const std::string &name, const std::string &target);
    size_t recordCount() const;
    const std::string &clusterDomain() const { return m_domain; }

private:
    void addName(const std::string &name);
    void addService(const model::Service &service, const model::Endpoints *endpoints,
                    const std::string &externalName);
    bool podRecord(const std::string &name, DnsRecord &record) const;

    std::string m_domain;
    uint32_t m_ttl;
    std::map<std::string, std::vector<DnsRecord>> m_records;
    std::set<std::string> m_names; // every owner name and the names above it
};

} // namespace cox::agent::dns
