// Service and Endpoints: a stable virtual IP/port set over the pods a selector picks, and the
// addresses the endpoints controller resolved for it.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/int_or_string.h"
#include "model/types/object_meta.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct ServicePort {
    std::string name;
    std::string protocol; // "TCP" when empty
    int32_t port = 0;
    std::optional<IntOrString> targetPort; // nil = same as port
    int32_t nodePort = 0;
    static Result<ServicePort> fromJson(const Json &json);
    Json toJson() const;
};

struct ServiceSpec {
    std::string type; // ClusterIP (default), NodePort, LoadBalancer, ExternalName
    std::string clusterIP;
    std::vector<std::string> clusterIPs;
    std::vector<ServicePort> ports;
    std::map<std::string, std::string> selector; // empty: endpoints are managed by hand
    std::string sessionAffinity;
    std::string externalTrafficPolicy;
    std::vector<std::string> externalIPs;
    static Result<ServiceSpec> fromJson(const Json &json);
    Json toJson() const;
};

struct Service {
    ObjectMeta metadata;
    ServiceSpec spec;
    Json status; // loadBalancer ingress, kept verbatim
    static Result<Service> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1
};

struct EndpointAddress {
    std::string ip;
    std::string hostname;
    std::string nodeName;
    Json targetRef; // ObjectReference to the pod, kept verbatim
    static Result<EndpointAddress> fromJson(const Json &json);
    Json toJson() const;
};

struct EndpointPort {
    std::string name;
    int32_t port = 0;
    std::string protocol;
    static Result<EndpointPort> fromJson(const Json &json);
    Json toJson() const;
};

struct EndpointSubset {
    std::vector<EndpointAddress> addresses;
    std::vector<EndpointAddress> notReadyAddresses;
    std::vector<EndpointPort> ports;
    static Result<EndpointSubset> fromJson(const Json &json);
    Json toJson() const;
};

struct Endpoints {
    ObjectMeta metadata;
    std::vector<EndpointSubset> subsets;
    static Result<Endpoints> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1
};

} // namespace cox::model
