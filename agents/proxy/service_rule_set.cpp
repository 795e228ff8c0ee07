#include "proxy/service_rule_set.h"

#include "proxy/chain_names.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace cox::agent::proxy {
namespace {

constexpr const char *kServices = "COX-SERVICES";
constexpr const char *kNodePorts = "COX-NODEPORTS";
constexpr const char *kPostrouting = "COX-POSTROUTING";
constexpr const char *kMarkMasq = "COX-MARK-MASQ";
constexpr const char *kForward = "COX-FORWARD";

std::string lowerProtocol(const std::string &protocol) {
    std::string out = protocol.empty() ? "tcp" : protocol;
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string probability(size_t remaining) {
    char text[32];
    std::snprintf(text, sizeof text, "%0.10f", 1.0 / static_cast<double>(remaining));
    return text;
}

// One service port with everything the rules need.
struct PortPlan {
    std::string key; // ns/name:port/proto, also the rule comment
    std::string protocol;
    std::string clusterIp;
    std::vector<std::string> externalIps;
    int32_t port = 0;
    int32_t nodePort = 0;
    bool affinity = false;
    std::vector<ServiceEndpoint> endpoints;
};

class Builder {
public:
    explicit Builder(const ProxyConfig &config)
        : m_config(config) {
        char text[16];
        std::snprintf(text, sizeof text, "0x%x", config.masqueradeMark);
        m_mark = std::string(text) + "/" + text;
    }

    network::IptablesRuleSet finish(std::vector<PortPlan> plans);

private:
    void addPort(const PortPlan &plan);
    void addServiceChain(const PortPlan &plan, const std::string &svcChain);
    void addRejects(const PortPlan &plan);
    std::string match(const PortPlan &plan, int32_t port) const {
        return " -p " + plan.protocol + " -m " + plan.protocol + " --dport " + std::to_string(port);
    }
    std::string comment(const std::string &text) const {
        return " -m comment --comment \"" + text + "\"";
    }

    const ProxyConfig &m_config;
    std::string m_mark;
    std::vector<std::string> m_chains;
    std::vector<std::string> m_services, m_nodePorts, m_chainRules, m_rejects;
};

void Builder::addServiceChain(const PortPlan &plan, const std::string &svc) {
    std::vector<std::string> seps;
    for (const auto &ep : plan.endpoints)
        seps.push_back(ChainNames::endpoint(plan.key, ep.ip + ":" + std::to_string(ep.port)));
    m_chainRules.push_back("-A " + svc + " ! -s " + m_config.clusterCidr + " -d " + plan.clusterIp +
                           "/32" + match(plan, plan.port) + " -j " + kMarkMasq);
    std::string timeout = std::to_string(m_config.affinityTimeoutSeconds);
    if (plan.affinity)
        for (const auto &sep : seps)
            m_chainRules.push_back("-A " + svc + " -m recent --name " + sep +
                                   " --rcheck --seconds " + timeout + " --reap -j " + sep);
    for (size_t i = 0; i < seps.size(); ++i) {
        std::string pick = i + 1 < seps.size() ? " -m statistic --mode random --probability " +
                                                     probability(seps.size() - i)
                                               : std::string();
        m_chainRules.push_back("-A " + svc + pick + " -j " + seps[i]);
    }
    for (size_t i = 0; i < seps.size(); ++i) {
        const auto &ep = plan.endpoints[i];
        std::string target = ep.ip + ":" + std::to_string(ep.port);
        m_chains.push_back(seps[i]);
        m_chainRules.push_back("-A " + seps[i] + " -s " + ep.ip + "/32 -j " + kMarkMasq);
        std::string remember = plan.affinity ? " -m recent --name " + seps[i] + " --set" : "";
        m_chainRules.push_back("-A " + seps[i] + " -p " + plan.protocol + remember +
                               " -j DNAT --to-destination " + target);
    }
}

void Builder::addRejects(const PortPlan &plan) {
    std::string why = comment(plan.key + " has no ready endpoints");
    m_rejects.push_back(std::string("-A ") + kServices + " -d " + plan.clusterIp + "/32" +
                        match(plan, plan.port) + why + " -j REJECT");
    for (const auto &ip : plan.externalIps)
        m_rejects.push_back(std::string("-A ") + kServices + " -d " + ip + "/32" +
                            match(plan, plan.port) + why + " -j REJECT");
    if (plan.nodePort > 0)
        m_rejects.push_back(std::string("-A ") + kServices + " -m addrtype --dst-type LOCAL" +
                            match(plan, plan.nodePort) + why + " -j REJECT");
}

void Builder::addPort(const PortPlan &plan) {
    if (plan.endpoints.empty()) {
        addRejects(plan);
        return;
    }
    std::string svc = ChainNames::service(plan.key);
    m_chains.push_back(svc);
    m_services.push_back(std::string("-A ") + kServices + " -d " + plan.clusterIp + "/32" +
                         match(plan, plan.port) + comment(plan.key + " cluster IP") + " -j " + svc);
    for (const auto &ip : plan.externalIps) {
        std::string head = std::string("-A ") + kServices + " -d " + ip + "/32" +
                           match(plan, plan.port) + comment(plan.key + " external IP");
        m_services.push_back(head + " -j " + kMarkMasq);
        m_services.push_back(head + " -j " + svc);
    }
    if (plan.nodePort > 0) {
        std::string head = std::string("-A ") + kNodePorts + match(plan, plan.nodePort) +
                           comment(plan.key + " node port");
        m_nodePorts.push_back(head + " -j " + kMarkMasq);
        m_nodePorts.push_back(head + " -j " + svc);
    }
    addServiceChain(plan, svc);
}

network::IptablesRuleSet Builder::finish(std::vector<PortPlan> plans) {
    std::sort(plans.begin(), plans.end(),
              [](const PortPlan &a, const PortPlan &b) { return a.key < b.key; });
    for (const auto &plan : plans)
        addPort(plan);
    network::IptablesRuleSet set;
    auto &nat = set.table("nat");
    nat.chains = {kServices, kNodePorts, kPostrouting, kMarkMasq};
    nat.chains.insert(nat.chains.end(), m_chains.begin(), m_chains.end());
    nat.rules = {std::string("-A ") + kMarkMasq + " -j MARK --or-mark " +
                     m_mark.substr(0, m_mark.find('/')),
                 std::string("-A ") + kPostrouting + " -m mark ! --mark " + m_mark + " -j RETURN",
                 // Clear the bit so a packet that is encapsulated or re-routed is not hit twice.
                 std::string("-A ") + kPostrouting + " -j MARK --xor-mark " +
                     m_mark.substr(0, m_mark.find('/')),
                 std::string("-A ") + kPostrouting + " -j MASQUERADE"};
    nat.rules.insert(nat.rules.end(), m_services.begin(), m_services.end());
    // NodePorts last: a ClusterIP match must win over "any local address".
    nat.rules.push_back(std::string("-A ") + kServices + " -m addrtype --dst-type LOCAL -j " +
                        kNodePorts);
    nat.rules.insert(nat.rules.end(), m_nodePorts.begin(), m_nodePorts.end());
    nat.rules.insert(nat.rules.end(), m_chainRules.begin(), m_chainRules.end());
    auto &filter = set.table("filter");
    filter.chains = {kServices, kForward};
    filter.rules = m_rejects;
    filter.rules.push_back(std::string("-A ") + kForward + " -m mark --mark " + m_mark +
                           " -j ACCEPT");
    filter.rules.push_back(std::string("-A ") + kForward +
                           " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
    set.jumps = ServiceRuleSet::jumps();
    return set;
}

bool hasClusterIp(const model::Service &service) {
    const auto &ip = service.spec.clusterIP;
    return !ip.empty() && ip != "None" && service.spec.type != "ExternalName";
}

} // namespace

std::vector<ServiceEndpoint> ServiceRuleSet::readyEndpoints(const model::Endpoints &endpoints,
                                                            const model::ServicePort &port) {
    std::vector<ServiceEndpoint> out;
    std::string protocol = lowerProtocol(port.protocol);
    for (const auto &subset : endpoints.subsets) {
        for (const auto &candidate : subset.ports) {
            bool sameName =
                candidate.name == port.name || (port.name.empty() && subset.ports.size() == 1);
            if (!sameName || lowerProtocol(candidate.protocol) != protocol || candidate.port <= 0)
                continue;
            for (const auto &address : subset.addresses)
                if (!address.ip.empty())
                    out.push_back(ServiceEndpoint{address.ip, candidate.port});
        }
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.ip != b.ip ? a.ip < b.ip : a.port < b.port;
    });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

network::IptablesRuleSet ServiceRuleSet::build(const std::vector<model::Service> &services,
                                               const std::vector<model::Endpoints> &endpoints,
                                               const ProxyConfig &config) {
    std::map<std::string, const model::Endpoints *> byKey;
    for (const auto &ep : endpoints)
        byKey[ep.metadata.namespace_ + "/" + ep.metadata.name] = &ep;
    std::vector<PortPlan> plans;
    for (const auto &service : services) {
        if (!hasClusterIp(service))
            continue;
        std::string id = service.metadata.namespace_ + "/" + service.metadata.name;
        auto found = byKey.find(id);
        for (const auto &port : service.spec.ports) {
            PortPlan plan;
            plan.protocol = lowerProtocol(port.protocol);
            plan.key = id + ":" + (port.name.empty() ? std::to_string(port.port) : port.name) +
                       "/" + plan.protocol;
            plan.clusterIp = service.spec.clusterIP;
            plan.externalIps = service.spec.externalIPs;
            plan.port = port.port;
            plan.nodePort = service.spec.type == "ClusterIP" ? 0 : port.nodePort;
            plan.affinity = service.spec.sessionAffinity == "ClientIP";
            if (found != byKey.end())
                plan.endpoints = readyEndpoints(*found->second, port);
            plans.push_back(std::move(plan));
        }
    }
    return Builder(config).finish(std::move(plans));
}

std::vector<std::string> ServiceRuleSet::ownedChains() {
    return {kServices, kNodePorts, kPostrouting, kMarkMasq, kForward, "COX-SVC-", "COX-SEP-"};
}

std::vector<network::ChainJump> ServiceRuleSet::jumps() {
    std::vector<std::string> fresh = {"-m", "conntrack", "--ctstate", "NEW"};
    return {
        {"nat", "PREROUTING", {}, kServices},     {"nat", "OUTPUT", {}, kServices},
        {"nat", "POSTROUTING", {}, kPostrouting}, {"filter", "INPUT", fresh, kServices},
        {"filter", "OUTPUT", fresh, kServices},   {"filter", "FORWARD", fresh, kServices},
        {"filter", "FORWARD", {}, kForward},
    };
}

} // namespace cox::agent::proxy
