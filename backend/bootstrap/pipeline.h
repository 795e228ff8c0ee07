// Pipeline: runs the steps for one machine in order, reporting each, stopping at the first
// failure or on cancel. addSteps() turns a machine into a Ready node (and upgrades an installed
// agent when its build differs); removeSteps() drains it and takes the agent off again.
//
//   BootstrapOptions options = ...;                 // cluster, known_hosts, callbacks
//   MachineResult r = Pipeline::add(machine, options, cancel);
//   if (!r.ok) show(r.status().message());          // step, cause, what to do
#pragma once

#include "bootstrap/bootstrap_options.h"
#include "bootstrap/cancel_token.h"
#include "bootstrap/step.h"

#include <memory>
#include <vector>

namespace cox::bootstrap {

class Pipeline {
public:
    static std::vector<std::unique_ptr<Step>> addSteps();
    static std::vector<std::unique_ptr<Step>> removeSteps();

    static MachineResult add(const MachineSpec &machine, const BootstrapOptions &options,
                             const CancelToken &cancel = {});
    static MachineResult remove(const MachineSpec &machine, const BootstrapOptions &options,
                                const CancelToken &cancel = {});
    static MachineResult run(const std::vector<std::unique_ptr<Step>> &steps,
                             const MachineSpec &machine, const BootstrapOptions &options,
                             const CancelToken &cancel);
};

} // namespace cox::bootstrap
