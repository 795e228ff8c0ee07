#include "bootstrap/steps/control_plane_step.h"

namespace cox::bootstrap {
namespace {

std::string urlFor(const std::string &address, uint16_t port) {
    const bool v6 = address.find(':') != std::string::npos;
    return "https://" + (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

} // namespace

StepResult ControlPlaneStep::run(StepContext &c) {
    c.agentServerUrl = c.options.agentServerUrl;
    if (c.agentServerUrl.empty()) {
        const std::string local = c.ssh->localAddress();
        if (local.empty())
            return StepResult::failed(StatusCode::BadRequest,
                                      "cannot tell which address the machine reaches the control "
                                      "plane at (connected through a jump host)",
                                      "give the API server URL the machine should use (--server)");
        c.agentServerUrl = urlFor(local, c.options.apiPort);
    }
    const std::string remedy =
        "make sure the control plane listens on that address (coxswain-master --listen "
        "0.0.0.0:PORT covers every interface in its certificate) or give the URL the machine "
        "reaches it at";
    auto nodeView = ClusterApi::connect(c.options.cluster, c.agentServerUrl);
    if (!nodeView)
        return StepResult::failed(nodeView.status().code(), nodeView.status().message(), remedy);
    if (Status s = (*nodeView)->checkReachable(); !s)
        return StepResult::failed(s.code(), c.agentServerUrl + ": " + s.message(), remedy);
    if (c.options.cluster.serverUrl.empty() || c.options.cluster.serverUrl == c.agentServerUrl) {
        c.api = std::move(*nodeView);
    } else {
        auto own = ClusterApi::connect(c.options.cluster, c.options.cluster.serverUrl);
        if (!own)
            return StepResult::failed(own.status().code(), own.status().message(),
                                      "check the control plane URL");
        c.api = std::move(*own);
    }
    c.result.serverUrl = c.agentServerUrl;
    return StepResult::done("the machine will use " + c.agentServerUrl);
}

} // namespace cox::bootstrap
