#include "network/route_table.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace cox::agent::network {

std::string RouteTable::internalIp(const model::Node &node) {
    for (const auto &address : node.status.addresses)
        if (address.type == "InternalIP" && address.address.find(':') == std::string::npos)
            return address.address;
    return {};
}

std::vector<NodeRoute> RouteTable::desired(const std::vector<model::Node> &nodes,
                                           const std::string &selfName) {
    std::vector<const model::Node *> sorted;
    for (const auto &node : nodes)
        sorted.push_back(&node);
    std::sort(sorted.begin(), sorted.end(),
              [](auto *a, auto *b) { return a->metadata.name < b->metadata.name; });
    std::map<std::string, std::string> byCidr;
    std::string selfCidr;
    for (const auto *node : sorted)
        if (node->metadata.name == selfName)
            selfCidr = node->spec.podCIDR;
    for (const auto *node : sorted) {
        std::string via = internalIp(*node);
        const std::string &cidr = node->spec.podCIDR;
        if (node->metadata.name == selfName || cidr.empty() || via.empty() || cidr == selfCidr)
            continue;
        byCidr.emplace(cidr, via);
    }
    std::vector<NodeRoute> routes;
    for (auto &[cidr, via] : byCidr)
        routes.push_back(NodeRoute{cidr, via});
    return routes;
}

RouteDiff RouteTable::diff(const std::vector<NodeRoute> &desired,
                           const std::vector<NodeRoute> &current) {
    RouteDiff result;
    std::map<std::string, std::string> now;
    for (const auto &route : current)
        now[route.cidr] = route.via;
    std::map<std::string, bool> wanted;
    for (const auto &route : desired) {
        wanted[route.cidr] = true;
        auto it = now.find(route.cidr);
        if (it == now.end() || it->second != route.via)
            result.replace.push_back(route);
    }
    for (const auto &[cidr, via] : now)
        if (!wanted.count(cidr))
            result.remove.push_back(cidr);
    return result;
}

std::vector<NodeRoute> RouteTable::parseIpRoute(const std::string &output) {
    std::vector<NodeRoute> routes;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::vector<std::string> parts;
        for (std::string word; words >> word;)
            parts.push_back(word);
        if (parts.size() < 3)
            continue;
        NodeRoute route;
        route.cidr = parts[0];
        // `ip route` prints a /32 route without its prefix length.
        if (route.cidr.find('/') == std::string::npos && route.cidr != "default")
            route.cidr += "/32";
        for (size_t i = 1; i + 1 < parts.size(); ++i)
            if (parts[i] == "via")
                route.via = parts[i + 1];
        if (!route.via.empty() && route.cidr != "default")
            routes.push_back(route);
    }
    return routes;
}

} // namespace cox::agent::network
