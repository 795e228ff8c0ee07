// PodLogProxy: GET /api/v1/namespaces/{ns}/pods/{name}/log. The logs live on the node; the API
// server picks the container (Kubernetes' rules and wording), finds the node's kubelet endpoint
// (status.addresses + status.daemonEndpoints.kubeletEndpoint.Port, default 10250), connects to
// the node agent's LogServer over TLS (agent certificate verified against the cluster CA, the API
// server presenting its own client certificate CN=system:kube-apiserver O=system:masters) and
// relays the agent's chunked answer chunk by chunk until either side closes.
#pragma once

#include "apiserver/resource_service.h"
#include "common/result.h"
#include "http/request.h"

#include <functional>
#include <string>

namespace cox::apiserver {

// What the API server needs to talk to node agents. The control plane issues the client
// certificate at start.
struct NodeClientCredentials {
    std::string caPem;         // the cluster CA: node serving certificates must chain to it
    std::string clientCertPem; // CN=system:kube-apiserver, O=system:masters
    std::string clientKeyPem;
};
using NodeCredentialsProvider = std::function<Result<NodeClientCredentials>()>;

class PodLogProxy {
public:
    // An empty provider answers 503: there is no way to reach the agents.
    PodLogProxy(ResourceService &service, NodeCredentialsProvider credentials);

    // Answers the request on `sink`, or returns the error to send (nothing was written then).
    // `ctx` is the caller's context (already authorised for pods/log).
    Status serve(const http::Request &request, const std::string &ns, const std::string &name,
                 const CallContext &ctx, http::ResponseSink &sink) const;

    // Kubernetes' container choice: the named one, or the only one; errors word for word.
    static Result<std::string> pickContainer(const Json &pod, const std::string &requested);
    // host and port of the node's agent from its Node object.
    static Status nodeEndpoint(const Json &node, std::string &host, uint16_t &port);
    // "/containerLogs/ns/pod/container?..." with the log options of `request` passed on.
    static std::string agentTarget(const http::Request &request, const std::string &ns,
                                   const std::string &pod, const std::string &container);

private:
    Status relay(const std::string &host, uint16_t port, const std::string &target,
                 http::ResponseSink &sink) const;

    ResourceService &m_service;
    NodeCredentialsProvider m_credentials;
};

} // namespace cox::apiserver
