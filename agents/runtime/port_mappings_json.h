// Port mappings as JSON, for the sandbox records runtimes keep on disk (so a restarted agent
// knows a sandbox's hostPorts when it tears the pod's network down).
#pragma once

#include "runtime/runtime.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace cox::agent {

inline nlohmann::json portMappingsJson(const std::vector<PortMapping> &ports) {
    auto list = nlohmann::json::array();
    for (const auto &p : ports)
        list.push_back({{"protocol", p.protocol},
                        {"containerPort", p.containerPort},
                        {"hostPort", p.hostPort},
                        {"hostIp", p.hostIp}});
    return list;
}

inline std::vector<PortMapping> portMappingsFromJson(const nlohmann::json &list) {
    std::vector<PortMapping> ports;
    for (const auto &p : list)
        ports.push_back({p.value("protocol", "TCP"), p.value("containerPort", 0),
                         p.value("hostPort", 0), p.value("hostIp", "")});
    return ports;
}

} // namespace cox::agent
