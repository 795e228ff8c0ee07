// ParallelRunner: bootstraps (or removes) many machines at once with at most `concurrency`
// running together, each on its own worker thread with its own SSH session and API client.
// Results come back in the order of the machines. Cancelling the token stops every machine at
// its next check.
#pragma once

#include "bootstrap/bootstrap_options.h"
#include "bootstrap/cancel_token.h"

#include <vector>

namespace cox::bootstrap {

class ParallelRunner {
public:
    enum class Operation { Add, Remove };

    static std::vector<MachineResult> run(Operation operation,
                                          const std::vector<MachineSpec> &machines,
                                          const BootstrapOptions &options, size_t concurrency,
                                          const CancelToken &cancel = {});
};

} // namespace cox::bootstrap
