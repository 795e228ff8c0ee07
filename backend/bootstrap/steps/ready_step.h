// Step "ready": waits until the Node is Ready in the API (and, after an upgrade, until the
// running agent is the new binary). On timeout, the agent's last log lines go into the result.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class ReadyStep : public Step {
public:
    std::string name() const override { return "ready"; }
    StepResult run(StepContext &context) override;

    // The last `lines` lines of the agent's log (journal or log file).
    static std::vector<std::string> agentLogTail(StepContext &c, int lines);

private:
    bool runningAgentIsCurrent(StepContext &c);
};

} // namespace cox::bootstrap
