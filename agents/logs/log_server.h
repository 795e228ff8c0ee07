// LogServer: the node agent's HTTPS endpoint for container logs (kubelet's port 10250),
//   GET /containerLogs/{namespace}/{pod}/{container}?follow=&tailLines=&timestamps=
//       &sinceSeconds=&sinceTime=&previous=&limitBytes=
// answered as chunked text/plain. Only the API server may read: the caller must present a
// client certificate from the cluster CA with CN system:kube-apiserver or in group
// system:masters (401 without a certificate, 403 with any other). The agent supplies a resolver
// from (namespace, pod, container, previous) to a log file path (see logPathFor()).
#pragma once

#include "common/result.h"
#include "http/request.h"
#include "http/server.h"

#include <functional>
#include <memory>
#include <string>

namespace cox::agent::logs {

struct LogTarget {
    std::string namespaceName;
    std::string pod;
    std::string container;
    bool previous = false;
};

// Where a container instance's log is, and (optional) whether its writer is gone: a follow of a
// terminated container ends once its file is read, like kubelet's.
struct LogSource {
    std::string path;
    std::function<bool()> finished;
};

struct LogServerConfig {
    std::string bindAddress = "0.0.0.0";
    uint16_t port = 10250;      // 0 = ephemeral (tests)
    std::string servingCertPem; // the node's serving certificate (chain) and key
    std::string servingKeyPem;
    std::string clientCaPem; // the cluster CA: client certificates must chain to it
    // NotFound for an unknown pod/container (404), other errors as their code.
    std::function<Result<LogSource>(const LogTarget &)> resolve;
};

class LogServer {
public:
    explicit LogServer(LogServerConfig config);
    ~LogServer();
    LogServer(const LogServer &) = delete;
    LogServer &operator=(const LogServer &) = delete;

    Status start();
    void stop();
    uint16_t port() const;
    // Open connections (a follow whose client left must not linger).
    size_t connectionCount() const;

    // The handler itself (exposed so tests and other servers can mount it).
    void handle(const http::Request &request, http::ResponseSink &sink) const;

private:
    LogServerConfig m_config;
    std::unique_ptr<http::Server> m_server;
};

} // namespace cox::agent::logs
