// RouteApplier: makes the kernel's host-gw routes equal to RouteTable::desired(). Our routes
// carry their own routing protocol number, so `ip route show proto N` lists exactly what we
// installed and a sync never touches routes someone else made (CNI, DHCP, the admin).
#pragma once

#include "network/command_runner.h"
#include "network/route_table.h"

namespace cox::agent::network {

class RouteApplier {
public:
    // 77 is unassigned in /etc/iproute2/rt_protos; any value 5..255 not used locally works.
    explicit RouteApplier(CommandRunner runner, int protocol = 77);

    // Replaces changed routes and deletes ours that are no longer wanted. Keeps going past a
    // failing route (say an unreachable gateway) and returns the first error.
    Status sync(const std::vector<NodeRoute> &desired);
    Result<std::vector<NodeRoute>> current() const;
    // Deletes every route with our protocol number.
    Status removeAll();

private:
    CommandRunner m_runner;
    std::string m_protocol;
};

} // namespace cox::agent::network
