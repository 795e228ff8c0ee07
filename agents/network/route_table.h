// RouteTable: host-gw routing as data. The desired routes are one per other node: its pod CIDR
// via its InternalIP (nodes without either are skipped; so is this node). diff() compares them
// with the routes we installed earlier (parsed from `ip -4 route show proto N`) and says what to
// replace and what to delete, so a sync touches only what changed.
#pragma once

#include "model/types/node.h"

#include <string>
#include <vector>

namespace cox::agent::network {

struct NodeRoute {
    std::string cidr; // "10.244.2.0/24"
    std::string via;  // "192.168.1.12"
    bool operator==(const NodeRoute &) const = default;
};

struct RouteDiff {
    std::vector<NodeRoute> replace;  // missing or with another gateway
    std::vector<std::string> remove; // CIDRs we routed that no node owns any more
    bool empty() const { return replace.empty() && remove.empty(); }
};

class RouteTable {
public:
    // Sorted by CIDR. When two nodes claim one CIDR the first by name wins (no flapping).
    static std::vector<NodeRoute> desired(const std::vector<model::Node> &nodes,
                                          const std::string &selfName);
    static RouteDiff diff(const std::vector<NodeRoute> &desired,
                          const std::vector<NodeRoute> &current);
    // Lines like "10.244.2.0/24 via 10.1.0.3 dev eth0 proto 77"; others are ignored.
    static std::vector<NodeRoute> parseIpRoute(const std::string &output);
    // The node's InternalIP (empty when it has none).
    static std::string internalIp(const model::Node &node);
};

} // namespace cox::agent::network
