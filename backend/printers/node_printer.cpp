// Nodes, as printNode: Status from the Ready condition plus SchedulingDisabled, Roles from the
// node-role.kubernetes.io/<role> and kubernetes.io/role labels.
#include "printers/kind_printers.h"

#include <set>

namespace cox::printers {

namespace {

using model::Json;

std::string nodeStatus(const Json &node) {
    std::vector<std::string> status;
    if (const Json *conditions = at(node, {"status", "conditions"});
        conditions && conditions->is_array())
        for (const auto &c : *conditions)
            if (stringAt(c, {"type"}) == "Ready") {
                status = {stringAt(c, {"status"}) == "True" ? "Ready" : "NotReady"};
            }
    if (status.empty())
        status.push_back("Unknown");
    if (boolAt(node, {"spec", "unschedulable"}))
        status.push_back("SchedulingDisabled");
    return join(status, ",");
}

std::string nodeRoles(const Json &node) {
    constexpr std::string_view prefix = "node-role.kubernetes.io/";
    std::set<std::string> roles;
    if (const Json *labels = at(node, {"metadata", "labels"}); labels && labels->is_object())
        for (const auto &[key, value] : labels->items()) {
            if (key.rfind(prefix, 0) == 0 && key.size() > prefix.size())
                roles.insert(key.substr(prefix.size()));
            else if (key == "kubernetes.io/role" && value.is_string() && !value.empty())
                roles.insert(value.get<std::string>());
        }
    return orNone(join({roles.begin(), roles.end()}, ","));
}

std::string address(const Json &node, std::string_view type) {
    if (const Json *addresses = at(node, {"status", "addresses"});
        addresses && addresses->is_array())
        for (const auto &a : *addresses)
            if (stringAt(a, {"type"}) == type)
                return stringAt(a, {"address"});
    return "<none>";
}

std::string infoOrUnknown(const Json &node, std::string_view field) {
    std::string value = stringAt(node, {"status", "nodeInfo", field});
    return value.empty() ? "<unknown>" : value;
}

Row nodeRow(const Json &node, WallTime now) {
    Row row;
    row.cells = Json::array(
        {objectName(node), nodeStatus(node), nodeRoles(node), objectAge(node, now),
         stringAt(node, {"status", "nodeInfo", "kubeletVersion"}), address(node, "InternalIP"),
         address(node, "ExternalIP"), infoOrUnknown(node, "osImage"),
         infoOrUnknown(node, "kernelVersion"), infoOrUnknown(node, "containerRuntimeVersion")});
    return row;
}

} // namespace

KindPrinter nodePrinter() {
    return {
        {nameColumn(),
         {"Status", "string", "", "The status of the node", 0},
         {"Roles", "string", "", "The roles of the node", 0},
         ageColumn(),
         {"Version", "string", "", "Kubelet Version reported by the node.", 0},
         {"Internal-IP", "string", "", "List of internal IPs in the node.", 1},
         {"External-IP", "string", "", "List of external IPs in this node.", 1},
         {"OS-Image", "string", "",
          "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 "
          "(wheezy)).",
          1},
         {"Kernel-Version", "string", "",
          "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1},
         {"Container-Runtime", "string", "",
          "ContainerRuntime Version reported by the node through runtime remote API (e.g. "
          "containerd://1.4.2).",
          1}},
        nodeRow};
}

} // namespace cox::printers
