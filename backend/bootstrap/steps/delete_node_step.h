// Step "delete-node" (removal): deletes the Node object; a missing Node is success.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class DeleteNodeStep : public Step {
public:
    std::string name() const override { return "delete-node"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
