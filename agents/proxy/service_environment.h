// ServiceEnvironment: the Kubernetes service environment variables of a container, a pure
// function of the Services in its namespace (kubelet's envvars.FromServices): for a service
// "redis-primary" with ClusterIP 10.96.0.11 and port 6379/TCP named "redis"
//   REDIS_PRIMARY_SERVICE_HOST=10.96.0.11   REDIS_PRIMARY_SERVICE_PORT=6379
//   REDIS_PRIMARY_SERVICE_PORT_REDIS=6379   REDIS_PRIMARY_PORT=tcp://10.96.0.11:6379
//   REDIS_PRIMARY_PORT_6379_TCP=tcp://10.96.0.11:6379 (+ _PROTO, _PORT, _ADDR)
// Headless and ExternalName services have no variables. Services are taken in name order so the
// result is stable; the container's own env entries override these (the caller merges).
#pragma once

#include "model/types/service.h"

#include <string>
#include <utility>
#include <vector>

namespace cox::agent::proxy {

using EnvVar = std::pair<std::string, std::string>;

class ServiceEnvironment {
public:
    // `services` may hold other namespaces' services: only those in `namespace_` count.
    static std::vector<EnvVar> build(const std::vector<model::Service> &services,
                                     const std::string &namespace_);
    // "redis-primary" -> "REDIS_PRIMARY".
    static std::string variablePrefix(const std::string &name);
};

} // namespace cox::agent::proxy
