#include "bootstrap/parallel_runner.h"

#include "bootstrap/pipeline.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace cox::bootstrap {

std::vector<MachineResult> ParallelRunner::run(Operation operation,
                                               const std::vector<MachineSpec> &machines,
                                               const BootstrapOptions &options, size_t concurrency,
                                               const CancelToken &cancel) {
    std::vector<MachineResult> results(machines.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < machines.size(); i = next++) {
            results[i] = operation == Operation::Add
                             ? Pipeline::add(machines[i], options, cancel)
                             : Pipeline::remove(machines[i], options, cancel);
        }
    };
    const size_t threads = std::clamp<size_t>(concurrency, 1, std::max<size_t>(1, machines.size()));
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    for (auto &t : pool)
        t.join();
    return results;
}

} // namespace cox::bootstrap
