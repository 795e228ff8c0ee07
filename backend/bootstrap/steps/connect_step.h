// Step "connect": TCP + SSH key exchange with the machine (timeouts, IPv4/IPv6, names, ports,
// optional jump host). Nothing is authenticated or run.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class ConnectStep : public Step {
public:
    std::string name() const override { return "connect"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
