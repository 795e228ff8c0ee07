#include "node_network.h"

#include "common/log.h"
#include "dns/dns_server.h"
#include "dns/resolv_conf.h"
#include "network/iptables_backend.h"
#include "network/masquerade_rules.h"
#include "network/route_applier.h"
#include "proxy/service_rule_set.h"
#include "service_sync.h"
#include "tls/crypto.h"

#include <arpa/inet.h>
#include <thread>

namespace cox::agent {

std::string firstHostAddress(const std::string &cidr) {
    auto slash = cidr.find('/');
    in_addr address{};
    if (slash == std::string::npos ||
        inet_pton(AF_INET, cidr.substr(0, slash).c_str(), &address) != 1)
        return {};
    int bits = std::atoi(cidr.c_str() + slash + 1);
    if (bits < 1 || bits > 30)
        return {};
    uint32_t mask = bits == 32 ? ~0u : ~((1u << (32 - bits)) - 1);
    address.s_addr = htonl((ntohl(address.s_addr) & mask) + 1);
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &address, text, sizeof text);
    return text;
}

NodeNetwork::NodeNetwork(NodeNetworkConfig config, ApiClient &api)
    : m_config(std::move(config))
    , m_api(api) {}

NodeNetwork::~NodeNetwork() {
    stop();
}

Status NodeNetwork::start() {
    m_dnsAddress =
        m_config.clusterDns.empty() ? firstHostAddress(m_config.podCidr) : m_config.clusterDns;
    if (m_dnsAddress.empty())
        return Status(StatusCode::BadRequest,
                      "no cluster DNS address: pod CIDR \"" + m_config.podCidr + "\" is malformed");
    auto choice =
        network::IptablesBackend::choose(network::CommandRunner(), m_config.iptablesBackend);
    if (!choice)
        return choice.status();
    m_backendName = choice->name;
    COX_LOG(Info, "network") << "iptables backend " << choice->name << ": " << choice->reason;
    if (Status s = tls::readFile(m_config.resolvConf, m_hostResolvConf); !s)
        COX_LOG(Warn, "network") << "cannot read " << m_config.resolvConf << " (" << s.message()
                                 << "); names outside the cluster will not resolve";

    dns::DnsServerOptions dnsOptions;
    dnsOptions.listenAddress = m_dnsAddress;
    dnsOptions.port = m_config.dnsPort;
    dnsOptions.upstreams = dns::ResolvConf::nameservers(m_hostResolvConf);
    if (dnsOptions.upstreams.empty()) {
        // Only a loopback stub (systemd-resolved's 127.0.0.53): its real upstreams are here,
        // as kubelet finds them.
        std::string resolved;
        if (tls::readFile("/run/systemd/resolve/resolv.conf", resolved))
            dnsOptions.upstreams = dns::ResolvConf::nameservers(resolved);
    }
    dnsOptions.freeBind = true; // the CNI bridge appears with the first pod
    m_dns = std::make_unique<dns::DnsServer>(dnsOptions);
    if (Status s = m_dns->start(); !s)
        return Status(s.code(), "cluster DNS on " + m_dnsAddress + ": " + s.message());

    ServiceSyncOptions sync;
    sync.nodeName = m_config.nodeName;
    sync.podCidr = m_config.podCidr;
    sync.clusterCidr = m_config.clusterCidr;
    sync.clusterDomain = m_config.clusterDomain;
    sync.proxy = m_config.proxy;
    sync.iptables = choice->tools;
    m_sync = std::make_unique<ServiceSync>(m_api, sync, m_dns.get());
    m_sync->start();
    COX_LOG(Info, "network") << "cluster DNS on " << m_dnsAddress << ":" << m_dns->port() << " ("
                             << dnsOptions.upstreams.size() << " upstreams), service proxy "
                             << (m_config.proxy ? "on" : "off");
    return Status::ok();
}

void NodeNetwork::stop() {
    if (m_sync)
        m_sync->stop();
    if (m_dns)
        m_dns->stop();
    m_sync.reset();
    m_dns.reset();
}

void NodeNetwork::rememberPod(const Json &pod) {
    std::string uid = pod.value("/metadata/uid"_json_pointer, std::string());
    if (uid.empty())
        return;
    // Only what DNS and service links need, not the whole pod.
    Json kept = {
        {"metadata",
         {{"namespace", pod.value("/metadata/namespace"_json_pointer, std::string("default"))}}},
        {"spec", Json::object()}};
    const Json spec = pod.value("spec", Json::object());
    for (const char *key : {"dnsPolicy", "dnsConfig", "hostNetwork", "enableServiceLinks"})
        if (spec.contains(key))
            kept["spec"][key] = spec[key];
    std::lock_guard lock(m_mutex);
    m_pods[uid] = std::move(kept);
}

void NodeNetwork::forgetPod(const Json &pod) {
    std::lock_guard lock(m_mutex);
    m_pods.erase(pod.value("/metadata/uid"_json_pointer, std::string()));
}

Json NodeNetwork::podFor(const std::string &podUid) const {
    std::lock_guard lock(m_mutex);
    auto it = m_pods.find(podUid);
    return it == m_pods.end() ? Json() : it->second;
}

PodDnsSettings NodeNetwork::dnsFor(const std::string &podUid,
                                   const std::string &podNamespace) const {
    Json pod = podFor(podUid);
    if (pod.is_null()) // not seen through the watch: the defaults (ClusterFirst)
        pod = {{"metadata", {{"namespace", podNamespace}}}};
    return PodDns::settings(pod, {m_dnsAddress, m_config.clusterDomain, m_hostResolvConf});
}

std::vector<proxy::EnvVar> NodeNetwork::serviceEnvironment(const std::string &podUid,
                                                           const std::string &podNamespace) const {
    if (!m_sync)
        return {};
    for (int i = 0; i < 100 && !m_sync->servicesListed(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto services = m_sync->services();
    Json pod = podFor(podUid);
    std::vector<proxy::EnvVar> env;
    if (pod.is_null() || PodDns::serviceLinks(pod))
        env = proxy::ServiceEnvironment::build(services, podNamespace);
    if (podNamespace != "default" || !(pod.is_null() || PodDns::serviceLinks(pod))) {
        // kubelet always adds the API server's own service from "default".
        std::erase_if(services, [](const model::Service &s) {
            return s.metadata.name != "kubernetes" || s.metadata.namespace_ != "default";
        });
        auto master = proxy::ServiceEnvironment::build(services, "default");
        env.insert(env.end(), master.begin(), master.end());
    }
    return env;
}

Status NodeNetwork::removeAll(const std::vector<std::string> &commandPrefix) {
    network::CommandRunner runner(commandPrefix);
    Status first;
    auto note = [&first](Status s) {
        if (!s && first.isOk())
            first = std::move(s);
    };
    const auto masqueradeJumps =
        network::MasqueradeRules::build({"10.0.0.0/24", "10.0.0.0/16"}).jumps;
    for (const auto &tools : {network::IptablesTools::legacy(), network::IptablesTools::nft()}) {
        auto probe = runner.run({tools.iptables, "-w", "5", "-t", "nat", "-S", "POSTROUTING"});
        if (!probe || probe->exitCode != 0)
            continue; // this backend is not usable here, so it holds nothing of ours
        network::IptablesApplier proxyRules(runner, proxy::ServiceRuleSet::ownedChains(), tools);
        note(proxyRules.removeAll(proxy::ServiceRuleSet::jumps()));
        network::IptablesApplier masquerade(runner, network::MasqueradeRules::ownedChains(), tools);
        note(masquerade.removeAll(masqueradeJumps));
    }
    note(network::RouteApplier(runner).removeAll());
    return first;
}

} // namespace cox::agent
