#include "pod_dns.h"

#include "dns/resolv_conf.h"

#include <algorithm>
#include <sstream>

namespace cox::agent {
namespace {

constexpr size_t kMaxServers = 3;
constexpr size_t kMaxSearches = 6;

void appendUnique(std::vector<std::string> &to, const std::string &value, size_t limit) {
    if (value.empty() || to.size() >= limit || std::find(to.begin(), to.end(), value) != to.end())
        return;
    to.push_back(value);
}

// "ndots:5" and "ndots" share the name "ndots"; a later one replaces an earlier one.
void setOption(std::vector<std::string> &options, const std::string &option) {
    std::string name = option.substr(0, option.find(':'));
    for (auto &existing : options) {
        if (existing.substr(0, existing.find(':')) == name) {
            existing = option;
            return;
        }
    }
    options.push_back(option);
}

std::vector<std::string> hostOptions(const std::string &content) {
    std::vector<std::string> out;
    std::istringstream lines(content);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string first;
        if (!(words >> first) || first != "options")
            continue;
        for (std::string word; words >> word;)
            setOption(out, word);
    }
    return out;
}

// All nameserver lines, loopback ones too: with Default the pod shares what the host uses.
std::vector<std::string> hostServers(const std::string &content) {
    std::vector<std::string> out;
    std::istringstream lines(content);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string first, server;
        if (words >> first >> server && first == "nameserver")
            appendUnique(out, server, kMaxServers);
    }
    return out;
}

void mergeDnsConfig(const Json &config, PodDnsSettings &out) {
    if (!config.is_object())
        return;
    for (const auto &server : config.value("nameservers", Json::array()))
        if (server.is_string())
            appendUnique(out.servers, server.get<std::string>(), kMaxServers);
    for (const auto &search : config.value("searches", Json::array()))
        if (search.is_string())
            appendUnique(out.searches, search.get<std::string>(), kMaxSearches);
    for (const auto &option : config.value("options", Json::array())) {
        if (!option.is_object() || !option.contains("name"))
            continue;
        std::string text = option.value("name", "");
        if (option.contains("value") && option["value"].is_string())
            text += ":" + option["value"].get<std::string>();
        if (!text.empty())
            setOption(out.options, text);
    }
}

} // namespace

PodDnsSettings PodDns::settings(const Json &pod, const PodDnsContext &context) {
    const Json spec = pod.is_object() ? pod.value("spec", Json::object()) : Json::object();
    std::string policy = spec.value("dnsPolicy", "");
    if (policy.empty())
        policy = "ClusterFirst";
    if (policy == "ClusterFirst" && spec.value("hostNetwork", false))
        policy = "Default";
    PodDnsSettings out;
    if (policy == "ClusterFirst" || policy == "ClusterFirstWithHostNet") {
        std::string ns = pod.value("/metadata/namespace"_json_pointer, std::string("default"));
        const std::string &domain = context.clusterDomain;
        out.servers = {context.clusterDns};
        for (const auto &search : {ns + ".svc." + domain, "svc." + domain, domain})
            appendUnique(out.searches, search, kMaxSearches);
        for (const auto &search : dns::ResolvConf::searchDomains(context.hostResolvConf))
            appendUnique(out.searches, search, kMaxSearches);
        out.options = {"ndots:5"};
    } else if (policy == "Default") {
        out.servers = hostServers(context.hostResolvConf);
        for (const auto &search : dns::ResolvConf::searchDomains(context.hostResolvConf))
            appendUnique(out.searches, search, kMaxSearches);
        out.options = hostOptions(context.hostResolvConf);
    }
    mergeDnsConfig(spec.value("dnsConfig", Json::object()), out);
    return out;
}

bool PodDns::serviceLinks(const Json &pod) {
    const Json *spec = pod.is_object() && pod.contains("spec") ? &pod["spec"] : nullptr;
    if (!spec || !spec->is_object() || !spec->contains("enableServiceLinks"))
        return true;
    const Json &value = (*spec)["enableServiceLinks"];
    return !value.is_boolean() || value.get<bool>();
}

} // namespace cox::agent
