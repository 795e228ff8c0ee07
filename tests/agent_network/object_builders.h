// Test builders for Services and Endpoints:
//   makeService("default", "web").clusterIp("10.96.0.10").port("http", 80, 8080).build()
//   makeEndpoints("default", "web").ready("10.244.1.2").notReady("10.244.1.3").port("http", 8080)
#pragma once

#include "model/types/node.h"
#include "model/types/service.h"

#include <string>

namespace cox::agent::testing {

class ServiceBuilder {
public:
    ServiceBuilder(std::string ns, std::string name);
    ServiceBuilder &clusterIp(std::string ip);
    ServiceBuilder &type(std::string type);
    ServiceBuilder &port(std::string name, int32_t port, int32_t targetPort, int32_t nodePort = 0,
                         std::string protocol = "TCP");
    ServiceBuilder &affinity();
    ServiceBuilder &externalIp(std::string ip);
    model::Service build() const { return m_service; }
    operator model::Service() const { return m_service; }

private:
    model::Service m_service;
};

class EndpointsBuilder {
public:
    EndpointsBuilder(std::string ns, std::string name);
    EndpointsBuilder &ready(std::string ip, std::string hostname = {});
    EndpointsBuilder &notReady(std::string ip);
    EndpointsBuilder &port(std::string name, int32_t port, std::string protocol = "TCP");
    model::Endpoints build() const { return m_endpoints; }
    operator model::Endpoints() const { return m_endpoints; }

private:
    model::EndpointSubset &subset();
    model::Endpoints m_endpoints;
};

inline ServiceBuilder makeService(std::string ns, std::string name) {
    return ServiceBuilder(std::move(ns), std::move(name));
}
inline EndpointsBuilder makeEndpoints(std::string ns, std::string name) {
    return EndpointsBuilder(std::move(ns), std::move(name));
}
model::Node makeNode(std::string name, std::string podCidr, std::string internalIp);

} // namespace cox::agent::testing
