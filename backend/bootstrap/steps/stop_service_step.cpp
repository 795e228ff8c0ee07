#include "bootstrap/steps/stop_service_step.h"

#include "bootstrap/service_files.h"
#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {

StepResult StopServiceStep::run(StepContext &c) {
    const InstallLayout &l = c.machine.layout;
    const std::string unit = shellQuote(l.unitFile());
    // Both kinds are checked: the machine may have changed since the install.
    const std::string script = "if [ -e " + unit +
                               " ] && command -v systemctl >/dev/null 2>&1; then systemctl disable "
                               "--now " +
                               shellQuote(l.serviceName) + " || true; rm -f " + unit +
                               "; systemctl daemon-reload || true; fi; rm -f " + unit + "; " +
                               ServiceFiles::stopSupervisorCommand(l);
    if (auto r = c.runChecked(script); !r)
        return StepResult::failed(r.status().code(), r.status().message(),
                                  "stop the agent by hand and run again");
    return StepResult::done("agent stopped, service removed");
}

} // namespace cox::bootstrap
