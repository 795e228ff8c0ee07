// Step "service": makes the agent a service and starts it: a systemd unit (systemctl) where the
// probe found systemd, else a supervised background process (setsid + restart loop + pid files)
// that survives the SSH session. A changed binary or configuration restarts the agent only;
// containers run under their own shims and keep running.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class ServiceStep : public Step {
public:
    std::string name() const override { return "service"; }
    StepResult run(StepContext &context) override;

private:
    StepResult runSystemd(StepContext &c);
    StepResult runSupervisor(StepContext &c);
};

} // namespace cox::bootstrap
