// Step "drain" (removal): cordons the Node and evicts its pods through the eviction subresource,
// then waits (bounded) until none is left. Skipped when the Node does not exist.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class DrainStep : public Step {
public:
    std::string name() const override { return "drain"; }
    StepResult run(StepContext &context) override;
};

} // namespace cox::bootstrap
