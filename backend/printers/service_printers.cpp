// Services and Endpoints, as printService and printEndpoints.
#include "printers/kind_printers.h"

namespace cox::printers {

namespace {

using model::Json;

std::vector<std::string> stringList(const Json *list) {
    std::vector<std::string> out;
    if (list && list->is_array())
        for (const auto &v : *list)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

// "80/TCP,443:30443/TCP"
std::string portsCell(const Json &svc) {
    std::vector<std::string> parts;
    if (const Json *ports = at(svc, {"spec", "ports"}); ports && ports->is_array())
        for (const auto &p : *ports) {
            std::string protocol = stringAt(p, {"protocol"});
            std::string text = std::to_string(intAt(p, {"port"}));
            if (std::int64_t nodePort = intAt(p, {"nodePort"}); nodePort != 0)
                text += ":" + std::to_string(nodePort);
            parts.push_back(text + "/" + (protocol.empty() ? "TCP" : protocol));
        }
    return orNone(join(parts, ","));
}

std::string loadBalancerIngress(const Json &svc) {
    std::vector<std::string> out;
    if (const Json *ingress = at(svc, {"status", "loadBalancer", "ingress"});
        ingress && ingress->is_array())
        for (const auto &i : *ingress) {
            if (std::string ip = stringAt(i, {"ip"}); !ip.empty())
                out.push_back(ip);
            else if (std::string host = stringAt(i, {"hostname"}); !host.empty())
                out.push_back(host);
        }
    return join(out, ",");
}

std::string externalIp(const Json &svc, const std::string &type) {
    std::vector<std::string> external = stringList(at(svc, {"spec", "externalIPs"}));
    if (type == "ClusterIP" || type == "NodePort")
        return orNone(join(external, ","));
    if (type == "ExternalName")
        return stringAt(svc, {"spec", "externalName"});
    if (type != "LoadBalancer")
        return "<unknown>";
    std::string lb = loadBalancerIngress(svc);
    if (!external.empty())
        return lb.empty() ? join(external, ",") : lb + "," + join(external, ",");
    return lb.empty() ? "<pending>" : lb;
}

Row serviceRow(const Json &svc, WallTime now) {
    std::string type = stringAt(svc, {"spec", "type"});
    if (type.empty())
        type = "ClusterIP"; // the API default
    std::vector<std::string> clusterIps = stringList(at(svc, {"spec", "clusterIPs"}));
    std::string clusterIp =
        clusterIps.empty() ? stringAt(svc, {"spec", "clusterIP"}) : clusterIps.front();
    Row row;
    row.cells = Json::array({objectName(svc), type, orNone(clusterIp), externalIp(svc, type),
                             portsCell(svc), objectAge(svc, now),
                             formatLabels(at(svc, {"spec", "selector"}))});
    return row;
}

std::string hostPort(const std::string &ip, std::int64_t port) {
    bool v6 = ip.find(':') != std::string::npos;
    return (v6 ? "[" + ip + "]" : ip) + ":" + std::to_string(port);
}

// "10.42.0.5:80,10.42.1.7:80 + 3 more..." - at most three addresses, as formatEndpoints.
std::string endpointsCell(const Json &ep) {
    constexpr size_t max = 3;
    std::vector<std::string> list;
    size_t count = 0;
    const Json *subsets = at(ep, {"subsets"});
    if (!subsets || !subsets->is_array() || subsets->empty())
        return "<none>";
    for (const auto &ss : *subsets) {
        const Json *addresses = at(ss, {"addresses"});
        if (!addresses || !addresses->is_array())
            continue;
        const Json *ports = at(ss, {"ports"});
        bool noPorts = !ports || !ports->is_array() || ports->empty();
        size_t portCount = noPorts ? 1 : ports->size();
        for (size_t p = 0; p < portCount; ++p) {
            count += addresses->size();
            for (const auto &a : *addresses) {
                if (list.size() == max)
                    break;
                std::string ip = stringAt(a, {"ip"});
                list.push_back(noPorts ? ip : hostPort(ip, intAt((*ports)[p], {"port"})));
            }
        }
    }
    std::string out = join(list, ",");
    if (count > max)
        return out + " + " + std::to_string(count - max) + " more...";
    return orNone(out);
}

Row endpointsRow(const Json &ep, WallTime now) {
    Row row;
    row.cells = Json::array({objectName(ep), endpointsCell(ep), objectAge(ep, now)});
    return row;
}

} // namespace

KindPrinter servicePrinter() {
    return {{nameColumn(),
             {"Type", "string", "", "The type of the service.", 0},
             {"Cluster-IP", "string", "", "The IP address of the service.", 0},
             {"External-IP", "string", "", "The external IP address of the service.", 0},
             {"Port(s)", "string", "", "The ports the service listens on.", 0},
             ageColumn(),
             {"Selector", "string", "",
              "Route service traffic to pods with label keys and values matching this selector. "
              "If empty or not present, the service is assumed to have an external process "
              "managing its endpoints, which Kubernetes will not modify.",
              1}},
            serviceRow};
}

KindPrinter endpointsPrinter() {
    return {
        {nameColumn(), {"Endpoints", "string", "", "Endpoints of the resource.", 0}, ageColumn()},
        endpointsRow};
}

} // namespace cox::printers
