// Step "configure": the agent's config file, the join token (0600, sent on stdin) and the
// launcher script. Rewrites only what differs, so a re-run changes nothing.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class ConfigureStep : public Step {
public:
    std::string name() const override { return "configure"; }
    StepResult run(StepContext &context) override;

    // The agent's --config JSON: CNI directory and node labels.
    static std::string agentConfig(const MachineSpec &machine);
};

} // namespace cox::bootstrap
