// bench_bootstrap: wall time from "start" to "Node Ready" for one machine, then for 10 machines in
// parallel (each a network namespace with its own sshd; the real agent, hollow runtime).
// Usage: bench_bootstrap [machines=10]. Needs root.
#include "bootstrap/parallel_runner.h"
#include "bootstrap/pipeline.h"
#include "cluster_env.h"

#include <cstdio>
#include <cstdlib>

using namespace cox::bootstrap;

int main(int argc, char **argv) {
    const int parallel = argc > 1 ? std::atoi(argv[1]) : 10;
    testenv::ClusterEnv env(parallel + 1, 8);
    if (!env.problem().empty()) {
        std::fprintf(stderr, "bench_bootstrap: %s\n", env.problem().c_str());
        return 1;
    }
    BootstrapOptions options = env.options();
    options.progress = nullptr;

    const auto t0 = std::chrono::steady_clock::now();
    MachineResult one = Pipeline::add(env.machine(0), options);
    const double single =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!one.ok) {
        std::fprintf(stderr, "%s\n", one.status().message().c_str());
        return 1;
    }
    std::printf("1 machine: start -> Ready %.2f s\n", single);

    std::vector<MachineSpec> machines;
    for (int i = 1; i <= parallel; ++i)
        machines.push_back(env.machine(i));
    const auto t1 = std::chrono::steady_clock::now();
    auto results = ParallelRunner::run(ParallelRunner::Operation::Add, machines, options,
                                       static_cast<size_t>(parallel));
    const double all = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    int ok = 0;
    double slowest = 0;
    for (const auto &r : results) {
        ok += r.ok ? 1 : 0;
        slowest = std::max(slowest, r.elapsed.count() / 1000.0);
        if (!r.ok)
            std::fprintf(stderr, "%s\n", r.status().message().c_str());
    }
    std::printf("%d machines in parallel: all Ready %.2f s (%d ok, slowest machine %.2f s)\n",
                parallel, all, ok, slowest);
    return ok == parallel ? 0 : 1;
}
