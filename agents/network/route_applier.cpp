#include "network/route_applier.h"

#include "common/log.h"

namespace cox::agent::network {

RouteApplier::RouteApplier(CommandRunner runner, int protocol)
    : m_runner(std::move(runner))
    , m_protocol(std::to_string(protocol)) {}

Result<std::vector<NodeRoute>> RouteApplier::current() const {
    auto shown = m_runner.check({"ip", "-4", "route", "show", "proto", m_protocol});
    if (!shown)
        return shown.status();
    return RouteTable::parseIpRoute(*shown);
}

Status RouteApplier::sync(const std::vector<NodeRoute> &desired) {
    auto now = current();
    if (!now)
        return now.status();
    RouteDiff diff = RouteTable::diff(desired, *now);
    Status first;
    for (const auto &route : diff.replace) {
        auto done = m_runner.check(
            {"ip", "route", "replace", route.cidr, "via", route.via, "proto", m_protocol});
        if (!done && first.isOk())
            first = done.status();
        if (done) {
            COX_LOG(Info, "network") << "route " << route.cidr << " via " << route.via;
        }
    }
    for (const auto &cidr : diff.remove) {
        auto done = m_runner.check({"ip", "route", "del", cidr, "proto", m_protocol});
        if (!done && first.isOk())
            first = done.status();
        if (done) {
            COX_LOG(Info, "network") << "route " << cidr << " removed";
        }
    }
    return first;
}

Status RouteApplier::removeAll() {
    return sync({});
}

} // namespace cox::agent::network
