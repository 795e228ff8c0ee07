// What the node agent's HTTPS endpoint (logs, metrics) shares: who may read it — the API server
// (client certificate "system:kube-apiserver") or a cluster admin (group "system:masters"), both
// with certificates from the cluster CA — and errors as Kubernetes Status objects, so kubectl
// and the API server's proxy show them as they show the API's own.
#pragma once

#include "common/status.h"
#include "http/request.h"

#include <string>

namespace cox::agent::logs {

// Ok, Unauthorized (no client certificate) or Forbidden ("... may not `what` on this node").
Status authorizeNodeEndpoint(const http::Request &request, const std::string &what);

void sendStatusObject(http::ResponseSink &sink, const Status &status);

} // namespace cox::agent::logs
