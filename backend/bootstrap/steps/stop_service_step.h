// Step "stop-service" (removal): stops and removes the systemd unit or the supervised process.
// Idempotent: nothing running and nothing installed is success.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class StopServiceStep : public Step {
public:
    std::string name() const override { return "stop-service"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
