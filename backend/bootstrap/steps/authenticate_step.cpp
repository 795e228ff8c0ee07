#include "bootstrap/steps/authenticate_step.h"

namespace cox::bootstrap {

StepResult AuthenticateStep::run(StepContext &c) {
    const Credentials &cred = c.machine.credentials;
    if (Status s = c.ssh->authenticate(cred); !s)
        return StepResult::failed(
            s.code(), s.message(),
            "check the user name and the password or key; for a key, its public half must be in "
            "~" +
                cred.user + "/.ssh/authorized_keys on the machine");
    return StepResult::done("logged in as " + cred.user);
}

} // namespace cox::bootstrap
