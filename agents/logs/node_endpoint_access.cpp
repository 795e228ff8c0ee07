#include "logs/node_endpoint_access.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cox::agent::logs {

Status authorizeNodeEndpoint(const http::Request &request, const std::string &what) {
    if (request.clientCertCommonName.empty())
        return Status(StatusCode::Unauthorized,
                      "a client certificate issued by the cluster CA is required");
    const auto &groups = request.clientCertOrganizations;
    if (request.clientCertCommonName == "system:kube-apiserver" ||
        std::find(groups.begin(), groups.end(), "system:masters") != groups.end())
        return Status::ok();
    return Status(StatusCode::Forbidden, "user \"" + request.clientCertCommonName + "\" may not " +
                                             what + " on this node");
}

void sendStatusObject(http::ResponseSink &sink, const Status &status) {
    const int code = Status::httpCodeFor(status.code());
    nlohmann::json body = {{"kind", "Status"},
                           {"apiVersion", "v1"},
                           {"metadata", nlohmann::json::object()},
                           {"status", "Failure"},
                           {"message", status.message()},
                           {"reason", std::string(Status::reasonFor(status.code()))},
                           {"code", code}};
    sink.send({code, {{"Content-Type", "application/json"}}, body.dump()});
}

} // namespace cox::agent::logs
