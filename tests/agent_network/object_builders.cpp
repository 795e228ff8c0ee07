#include "object_builders.h"

namespace cox::agent::testing {

ServiceBuilder::ServiceBuilder(std::string ns, std::string name) {
    m_service.metadata.namespace_ = std::move(ns);
    m_service.metadata.name = std::move(name);
    m_service.spec.type = "ClusterIP";
}

ServiceBuilder &ServiceBuilder::clusterIp(std::string ip) {
    m_service.spec.clusterIP = ip;
    m_service.spec.clusterIPs = {ip};
    return *this;
}

ServiceBuilder &ServiceBuilder::type(std::string type) {
    m_service.spec.type = std::move(type);
    return *this;
}

ServiceBuilder &ServiceBuilder::port(std::string name, int32_t port, int32_t targetPort,
                                     int32_t nodePort, std::string protocol) {
    model::ServicePort p;
    p.name = std::move(name);
    p.port = port;
    p.protocol = std::move(protocol);
    p.nodePort = nodePort;
    p.targetPort = model::IntOrString::fromInt(targetPort);
    m_service.spec.ports.push_back(p);
    return *this;
}

ServiceBuilder &ServiceBuilder::affinity() {
    m_service.spec.sessionAffinity = "ClientIP";
    return *this;
}

ServiceBuilder &ServiceBuilder::externalIp(std::string ip) {
    m_service.spec.externalIPs.push_back(std::move(ip));
    return *this;
}

EndpointsBuilder::EndpointsBuilder(std::string ns, std::string name) {
    m_endpoints.metadata.namespace_ = std::move(ns);
    m_endpoints.metadata.name = std::move(name);
}

model::EndpointSubset &EndpointsBuilder::subset() {
    if (m_endpoints.subsets.empty())
        m_endpoints.subsets.emplace_back();
    return m_endpoints.subsets.back();
}

EndpointsBuilder &EndpointsBuilder::ready(std::string ip, std::string hostname) {
    model::EndpointAddress address;
    address.ip = std::move(ip);
    address.hostname = std::move(hostname);
    subset().addresses.push_back(address);
    return *this;
}

EndpointsBuilder &EndpointsBuilder::notReady(std::string ip) {
    model::EndpointAddress address;
    address.ip = std::move(ip);
    subset().notReadyAddresses.push_back(address);
    return *this;
}

EndpointsBuilder &EndpointsBuilder::port(std::string name, int32_t port, std::string protocol) {
    model::EndpointPort p;
    p.name = std::move(name);
    p.port = port;
    p.protocol = std::move(protocol);
    subset().ports.push_back(p);
    return *this;
}

model::Node makeNode(std::string name, std::string podCidr, std::string internalIp) {
    model::Node node;
    node.metadata.name = std::move(name);
    node.spec.podCIDR = podCidr;
    if (!podCidr.empty())
        node.spec.podCIDRs = {podCidr};
    if (!internalIp.empty()) {
        model::NodeAddress address;
        address.type = "InternalIP";
        address.address = std::move(internalIp);
        node.status.addresses.push_back(address);
    }
    return node;
}

} // namespace cox::agent::testing
