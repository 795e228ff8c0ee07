// Step "upload": puts the agent for the machine's architecture in place. SFTP to a temporary
// file, SHA-256 verified on the machine, then copied next to the target and renamed over it, so
// a half-written or corrupted binary is never run. Skipped when the installed agent is the same
// build (same SHA-256).
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class UploadStep : public Step {
public:
    std::string name() const override { return "upload"; }
    StepResult run(StepContext &context) override;

private:
    StepResult install(StepContext &c, const std::string &remoteTemp);
};

} // namespace cox::bootstrap
