#include "proxy/service_environment.h"

#include <algorithm>
#include <cctype>

namespace cox::agent::proxy {
namespace {

std::string upper(std::string text) {
    for (auto &c : text)
        c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

void addService(const model::Service &service, std::vector<EnvVar> &out) {
    const auto &spec = service.spec;
    std::string prefix = ServiceEnvironment::variablePrefix(service.metadata.name);
    const std::string &ip = spec.clusterIP;
    const auto &first = spec.ports.front();
    std::string firstProto = first.protocol.empty() ? "tcp" : first.protocol;
    std::transform(firstProto.begin(), firstProto.end(), firstProto.begin(), ::tolower);
    out.emplace_back(prefix + "_SERVICE_HOST", ip);
    out.emplace_back(prefix + "_SERVICE_PORT", std::to_string(first.port));
    for (const auto &port : spec.ports)
        if (!port.name.empty())
            out.emplace_back(prefix + "_SERVICE_PORT_" + upper(port.name),
                             std::to_string(port.port));
    out.emplace_back(prefix + "_PORT", firstProto + "://" + ip + ":" + std::to_string(first.port));
    for (const auto &port : spec.ports) {
        std::string proto = port.protocol.empty() ? "TCP" : upper(port.protocol);
        std::string lower = proto;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        std::string portText = std::to_string(port.port);
        std::string base = prefix + "_PORT_" + portText + "_" + proto;
        out.emplace_back(base, lower + "://" + ip + ":" + portText);
        out.emplace_back(base + "_PROTO", lower);
        out.emplace_back(base + "_PORT", portText);
        out.emplace_back(base + "_ADDR", ip);
    }
}

} // namespace

std::string ServiceEnvironment::variablePrefix(const std::string &name) {
    return upper(name);
}

std::vector<EnvVar> ServiceEnvironment::build(const std::vector<model::Service> &services,
                                              const std::string &namespace_) {
    std::vector<const model::Service *> chosen;
    for (const auto &service : services) {
        const auto &ip = service.spec.clusterIP;
        if (service.metadata.namespace_ != namespace_ || ip.empty() || ip == "None" ||
            service.spec.ports.empty() || service.spec.type == "ExternalName")
            continue;
        chosen.push_back(&service);
    }
    std::sort(chosen.begin(), chosen.end(),
              [](auto *a, auto *b) { return a->metadata.name < b->metadata.name; });
    std::vector<EnvVar> out;
    for (const auto *service : chosen)
        addService(*service, out);
    return out;
}

} // namespace cox::agent::proxy
