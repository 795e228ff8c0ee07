#include "bootstrap/steps/drain_step.h"

#include <thread>

namespace cox::bootstrap {

StepResult DrainStep::run(StepContext &c) {
    auto readiness = c.api->nodeReadiness(c.nodeName);
    if (!readiness)
        return StepResult::failed(readiness.status().code(), readiness.status().message(),
                                  "check that the control plane is up");
    if (!readiness->exists)
        return StepResult::skipped("no Node " + c.nodeName + " in the cluster");
    if (Status s = c.api->cordon(c.nodeName); !s)
        return StepResult::failed(s.code(), s.message(), "check that the control plane is up");
    c.message("cordoned " + c.nodeName);
    const auto deadline = std::chrono::steady_clock::now() + c.options.drainTimeout;
    std::vector<std::string> left;
    while (std::chrono::steady_clock::now() < deadline) {
        if (c.cancel.cancelled())
            return StepResult::failed(StatusCode::Unavailable, "cancelled", "");
        auto pods = c.api->podsOnNode(c.nodeName);
        if (!pods)
            return StepResult::failed(pods.status().code(), pods.status().message(), "run again");
        left = *pods;
        if (left.empty())
            return StepResult::done("no pods left on " + c.nodeName);
        for (const auto &pod : left) {
            if (Status s = c.api->evict(pod); !s)
                c.message("evicting " + pod + ": " + s.message());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    std::string names;
    for (const auto &p : left)
        names += " " + p;
    return StepResult::failed(StatusCode::Timeout, "pods still on " + c.nodeName + ":" + names,
                              "delete them (or relax their disruption budget) and run again");
}

} // namespace cox::bootstrap
