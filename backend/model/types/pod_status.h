// PodStatus and ContainerStatus: what the node agent reports about a pod.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/condition.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct ContainerStatus {
    std::string name;
    bool ready = false;
    int32_t restartCount = 0;
    std::string image;
    std::string imageID;
    std::string containerID;
    std::optional<bool> started;
    Json state;     // {waiting|running|terminated: {...}}, kept verbatim
    Json lastState; // same shape
    static Result<ContainerStatus> fromJson(const Json &json);
    Json toJson() const;
};

struct PodStatus {
    std::string phase; // Pending, Running, Succeeded, Failed, Unknown
    std::vector<Condition> conditions;
    std::string message;
    std::string reason;
    std::string nominatedNodeName;
    std::string hostIP;
    std::string podIP;
    std::vector<std::string> podIPs; // JSON: [{"ip": "..."}]
    std::string startTime;
    std::vector<ContainerStatus> initContainerStatuses;
    std::vector<ContainerStatus> containerStatuses;
    std::string qosClass;
    static Result<PodStatus> fromJson(const Json &json);
    Json toJson() const;
};

} // namespace cox::model
