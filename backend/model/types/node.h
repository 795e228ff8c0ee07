// Node: a machine the scheduler places pods on - spec (taints, cordon), status (capacity,
// allocatable, conditions, addresses, node info).
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/quantity.h"
#include "model/types/condition.h"
#include "model/types/object_meta.h"
#include "model/types/taint.h"

#include <map>
#include <string>
#include <vector>

namespace cox::model {

struct NodeSpec {
    std::string podCIDR;
    std::vector<std::string> podCIDRs;
    std::string providerID;
    bool unschedulable = false;
    std::vector<Taint> taints;
    static Result<NodeSpec> fromJson(const Json &json);
    Json toJson() const;
};

struct NodeAddress {
    std::string type; // InternalIP, ExternalIP, Hostname
    std::string address;
    static Result<NodeAddress> fromJson(const Json &json);
    Json toJson() const;
};

struct NodeSystemInfo {
    std::string machineID;
    std::string systemUUID;
    std::string bootID;
    std::string kernelVersion;
    std::string osImage;
    std::string containerRuntimeVersion;
    std::string kubeletVersion;
    std::string kubeProxyVersion;
    std::string operatingSystem;
    std::string architecture;
    static Result<NodeSystemInfo> fromJson(const Json &json);
    Json toJson() const;
};

struct NodeStatus {
    std::map<std::string, Quantity> capacity;
    std::map<std::string, Quantity> allocatable;
    std::vector<Condition> conditions;
    std::vector<NodeAddress> addresses;
    NodeSystemInfo nodeInfo;
    static Result<NodeStatus> fromJson(const Json &json);
    Json toJson() const;
};

struct Node {
    ObjectMeta metadata;
    NodeSpec spec;
    NodeStatus status;
    static Result<Node> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1, kind Node
    // Condition Ready is True.
    bool isReady() const;
};

} // namespace cox::model
