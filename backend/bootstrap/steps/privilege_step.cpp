#include "bootstrap/steps/privilege_step.h"

namespace cox::bootstrap {

StepResult PrivilegeStep::run(StepContext &c) {
    const Credentials &cred = c.machine.credentials;
    auto privilege = RemoteShell::detect(*c.ssh, cred.user, cred.sudoPassword, c.cancel,
                                         c.options.commandTimeout);
    if (!privilege)
        return StepResult::failed(privilege.status().code(), privilege.status().message(),
                                  "log in as root or give a user that may use sudo");
    c.shell = std::make_unique<RemoteShell>(*c.ssh, *privilege, cred.sudoPassword, c.cancel);
    return StepResult::done("root through " + privilegeName(*privilege));
}

} // namespace cox::bootstrap
