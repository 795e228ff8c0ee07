// CniNetwork: attaches pinned network namespaces to the node's pod network by running the
// standard CNI plugins, following the CNI 1.0 spec: CNI_* environment, the network config on
// stdin, prevResult chaining through a conflist (bridge + host-local -> portmap), DEL in reverse
// order with the ADD result as prevResult. Loopback is its own single-plugin network on "lo",
// as CRI runtimes run it, unless the runtime brings "lo" up itself (CniOptions::loopback).
// portmap runs only for pods with host ports: without any it has nothing to do, and each
// plugin run is a process start (tens of ms of CPU), which is what a burst of pods waits on.
#pragma once

#include "common/result.h"
#include "runtime/runtime.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cox::agent::runc {

struct CniOptions {
    std::string binDir = "/usr/lib/cni";
    std::string confDir;     // where the generated network configs are written
    std::string ipamDataDir; // host-local's allocation records (one per runtime)
    std::string networkName = "coxswain";
    std::string bridge = "cox0";
    std::string podCidr; // the node's pod CIDR, e.g. "10.244.1.0/24"
    std::string cniVersion = "1.0.0";
    // The bridge plugin's own masquerade of pod egress. Off when the agent's MasqueradeRules do
    // it: the plugin's rule would also hide pod IPs from pods on other nodes, and it lives in
    // the host's default iptables, which may not be the backend the agent chose.
    bool ipMasq = true;
    // Run the loopback plugin on "lo". Off for runtimes that set lo up as they make the
    // namespace (the runc runtime's PinnedNamespaces).
    bool loopback = true;
    std::chrono::milliseconds pluginTimeout = std::chrono::seconds(30);
};

class CniNetwork {
public:
    explicit CniNetwork(CniOptions options);

    // Writes the conflist and the loopback config into confDir; call once at startup.
    Status writeConfig() const;

    // ADD: loopback, then the conflist. Returns the conflist's final result.
    Result<nlohmann::json> add(const std::string &containerId, const std::string &netnsPath,
                               const std::vector<PortMapping> &ports) const;
    // DEL in reverse order with the ADD result as prevResult; tolerant of missing pieces.
    Status del(const std::string &containerId, const std::string &netnsPath,
               const nlohmann::json &prevResult, const std::vector<PortMapping> &ports) const;
    // CHECK: the plugins verify the attachment still matches prevResult.
    Status check(const std::string &containerId, const std::string &netnsPath,
                 const nlohmann::json &prevResult, const std::vector<PortMapping> &ports) const;

    // The first IPv4 address of a CNI result, without the prefix length ("10.244.1.2").
    static std::string podIp(const nlohmann::json &result);

    const CniOptions &options() const { return m_options; }

private:
    nlohmann::json conflist() const;
    nlohmann::json loopbackConfig() const;
    Result<nlohmann::json> invoke(const std::string &command, const nlohmann::json &pluginConfig,
                                  const std::string &containerId, const std::string &netnsPath,
                                  const std::string &ifName) const;
    Result<nlohmann::json> runChain(const std::string &command, const std::string &containerId,
                                    const std::string &netnsPath, nlohmann::json prevResult,
                                    const std::vector<PortMapping> &ports) const;

    CniOptions m_options;
};

} // namespace cox::agent::runc
