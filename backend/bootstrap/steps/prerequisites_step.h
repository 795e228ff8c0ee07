// Step "prerequisites": what the agent needs on the machine (runc, CNI plugins and iptables for
// the runc runtime; sha256sum; setsid where there is no systemd). Installs what is missing with
// the machine's package manager when allowed, else stops and lists exactly what is missing.
#pragma once

#include "bootstrap/step.h"

#include <vector>

namespace cox::bootstrap {

class PrerequisitesStep : public Step {
public:
    std::string name() const override { return "prerequisites"; }
    StepResult run(StepContext &context) override;

    // Debian-style names of what is missing ("runc", "CNI plugin bridge", ...).
    static std::vector<std::string> missing(const MachineFacts &facts, const std::string &runtime);
    // The packages that provide them with `packageManager`.
    static std::vector<std::string> packagesFor(const std::vector<std::string> &missing,
                                                const std::string &packageManager);
};

} // namespace cox::bootstrap
