#include "bootstrap/steps/connect_step.h"

namespace cox::bootstrap {

StepResult ConnectStep::run(StepContext &c) {
    ConnectOptions o;
    o.host = c.machine.host;
    o.port = c.machine.port;
    o.user = c.machine.credentials.user;
    o.timeout = c.options.connectTimeout;
    o.jumpHost = c.machine.jumpHost;
    auto session = SshSession::connect(o);
    if (!session)
        return StepResult::failed(session.status().code(), session.status().message(),
                                  "check the address and port, that sshd runs on the machine, "
                                  "and that no firewall blocks the connection");
    c.ssh = std::move(*session);
    return StepResult::done("connected to " + o.host + " port " + std::to_string(o.port));
}

} // namespace cox::bootstrap
