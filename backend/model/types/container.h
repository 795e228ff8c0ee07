// Container and its parts (ports, env, resources, volume mounts) as the scheduler and node
// agent read them.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/quantity.h"
#include "model/types/probe.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct ContainerPort {
    std::string name;
    int32_t containerPort = 0;
    int32_t hostPort = 0;
    std::string protocol; // "TCP" when empty
    std::string hostIP;
    static Result<ContainerPort> fromJson(const Json &json);
    Json toJson() const;
};

struct EnvVar {
    std::string name;
    std::string value;
    Json valueFrom; // secretKeyRef/configMapKeyRef/fieldRef..., kept verbatim
    static Result<EnvVar> fromJson(const Json &json);
    Json toJson() const;
};

struct ResourceRequirements {
    std::map<std::string, Quantity> requests;
    std::map<std::string, Quantity> limits;
    static Result<ResourceRequirements> fromJson(const Json &json);
    Json toJson() const;
};

struct VolumeMount {
    std::string name;
    std::string mountPath;
    bool readOnly = false;
    std::string subPath;
    static Result<VolumeMount> fromJson(const Json &json);
    Json toJson() const;
};

struct Container {
    std::string name;
    std::string image;
    std::vector<std::string> command;
    std::vector<std::string> args;
    std::string workingDir;
    std::vector<EnvVar> env;
    std::vector<ContainerPort> ports;
    ResourceRequirements resources;
    std::optional<Probe> livenessProbe;
    std::optional<Probe> readinessProbe;
    std::optional<Probe> startupProbe;
    std::vector<VolumeMount> volumeMounts;
    std::string imagePullPolicy;

    static Result<Container> fromJson(const Json &json);
    Json toJson() const;
};

} // namespace cox::model
