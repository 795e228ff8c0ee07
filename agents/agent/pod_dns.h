// PodDns: a pod's resolv.conf as kubelet derives it from spec.dnsPolicy and spec.dnsConfig.
//   ClusterFirst (default): the node's cluster DNS, search NS.svc.DOMAIN svc.DOMAIN DOMAIN plus
//     the host's search domains, options ndots:5; with hostNetwork it falls back to Default.
//   ClusterFirstWithHostNet: ClusterFirst even with hostNetwork.
//   Default: the node's own resolv.conf (its nameservers, search and options).
//   None: only what dnsConfig says.
// dnsConfig is merged on top: nameservers and searches appended (duplicates dropped, at most 3
// nameservers and 6 search domains, as glibc reads), options overriding by name.
// Also whether the pod gets the service environment variables (spec.enableServiceLinks).
#pragma once

#include "model/json.h"

#include <string>
#include <vector>

namespace cox::agent {

using model::Json;

struct PodDnsContext {
    std::string clusterDns; // address of the node's cluster DNS
    std::string clusterDomain = "cluster.local";
    std::string hostResolvConf; // content of the node's resolv.conf
};

struct PodDnsSettings {
    std::vector<std::string> servers;
    std::vector<std::string> searches;
    std::vector<std::string> options; // "ndots:5", "edns0"
};

class PodDns {
public:
    // `pod`: the pod object as the API sends it (spec.dnsPolicy, spec.dnsConfig...).
    static PodDnsSettings settings(const Json &pod, const PodDnsContext &context);
    // spec.enableServiceLinks, true when unset.
    static bool serviceLinks(const Json &pod);
};

} // namespace cox::agent
