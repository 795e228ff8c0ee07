// ResolvConf: the two resolv.conf facts the cluster DNS needs. A pod's resolv.conf points at
// the node's DNS address with the Kubernetes search path, so "web" and "web.default" resolve
// from a pod in "default" (ndots:5 makes short names try the search list first). The node's
// own resolv.conf gives the upstreams other names are forwarded to; loopback stub resolvers
// (127.0.0.53 and friends) are skipped, they would not answer from a pod's namespace.
#pragma once

#include <string>
#include <vector>

namespace cox::agent::dns {

class ResolvConf {
public:
    // nameserver DNS_IP / search NS.svc.DOMAIN svc.DOMAIN DOMAIN [host search...] / options.
    static std::string podContent(const std::string &dnsIp, const std::string &namespace_,
                                  const std::string &clusterDomain = "cluster.local",
                                  const std::vector<std::string> &hostSearch = {});
    // The nameserver addresses of a resolv.conf text, loopback ones left out.
    static std::vector<std::string> nameservers(const std::string &content);
    // nameservers() of /etc/resolv.conf (or `path`); empty when unreadable.
    static std::vector<std::string> hostNameservers(const std::string &path = "/etc/resolv.conf");
    // The search domains of a resolv.conf text.
    static std::vector<std::string> searchDomains(const std::string &content);
};

} // namespace cox::agent::dns
