// Step "privileges": root login, passwordless sudo, or sudo with the password on stdin.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class PrivilegeStep : public Step {
public:
    std::string name() const override { return "privileges"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
