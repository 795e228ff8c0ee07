// Step "host-key": checks the server's key against the application's known_hosts before any
// credential is sent. Known -> go on; unknown -> trusted only if it matches a pinned fingerprint
// or the caller confirms it; changed or of another type -> hard stop.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class HostKeyStep : public Step {
public:
    std::string name() const override { return "host-key"; }
    StepResult run(StepContext &context) override;

private:
    StepResult trustUnknown(StepContext &c, const HostKey &key);
};

} // namespace cox::bootstrap
