// Step "control-plane": decides the API server URL the machine will use (given, or this host's
// address on the SSH connection) and checks from here that it answers with a certificate that
// names that address, before anything is installed.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class ControlPlaneStep : public Step {
public:
    std::string name() const override { return "control-plane"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
