// Probe: liveness/readiness/startup checks of a container (exec, httpGet, tcpSocket).
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/int_or_string.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

struct ExecAction {
    std::vector<std::string> command;
    static Result<ExecAction> fromJson(const Json &json);
    Json toJson() const;
};

struct HttpGetAction {
    std::string path;
    IntOrString port;
    std::string host;
    std::string scheme; // "HTTP" (default) or "HTTPS"
    Json httpHeaders;   // [{name, value}], kept verbatim
    static Result<HttpGetAction> fromJson(const Json &json);
    Json toJson() const;
};

struct TcpSocketAction {
    IntOrString port;
    std::string host;
    static Result<TcpSocketAction> fromJson(const Json &json);
    Json toJson() const;
};

struct Probe {
    std::optional<ExecAction> exec;
    std::optional<HttpGetAction> httpGet;
    std::optional<TcpSocketAction> tcpSocket;
    int32_t initialDelaySeconds = 0;
    int32_t periodSeconds = 0;    // 0 = Kubernetes default (10)
    int32_t timeoutSeconds = 0;   // 0 = default (1)
    int32_t failureThreshold = 0; // 0 = default (3)
    int32_t successThreshold = 0; // 0 = default (1)

    static Result<Probe> fromJson(const Json &json);
    Json toJson() const;
};

} // namespace cox::model
