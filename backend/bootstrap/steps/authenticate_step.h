// Step "authenticate": SSH user authentication with the credentials the caller handed in.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class AuthenticateStep : public Step {
public:
    std::string name() const override { return "authenticate"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
