// Step "probe": learns the machine (architecture, OS, kernel, libc, systemd, cgroups, disk,
// ports, runc/CNI/iptables/docker, an installed agent and its build) and picks the node name.
#pragma once

#include "bootstrap/step.h"

namespace cox::bootstrap {

class ProbeStep : public Step {
public:
    std::string name() const override { return "probe"; }
    StepResult run(StepContext &context) override;
};

// Kubernetes node names: DNS-1123 subdomains (lower case, digits, '-', '.').
bool isValidNodeName(const std::string &name);

} // namespace cox::bootstrap
