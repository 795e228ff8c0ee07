// Step "remove-files" (removal): the agent binary, its configuration, token and scripts; the data
// directory (node credentials, state) and log only when removeData is set.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class RemoveFilesStep : public Step {
public:
    std::string name() const override { return "remove-files"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
