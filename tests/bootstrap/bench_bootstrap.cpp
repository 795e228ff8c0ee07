// bench_bootstrap: wall time from "start" to "Node Ready" for one machine, then for 10 machines in
// parallel (each a network namespace with its own sshd; the real agent, hollow runtime).
// Usage: bench_bootstrap [machines=10]. Needs root.
#include "bootstrap/parallel_runner.h"
#include "bootstrap/pipeline.h"
#include "cluster_env.h"
#include "process.h"

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
    // Upload what users upload: the packaged agent is stripped (CPACK_STRIP_FILES); the build
    // tree's copy carries ~140 MB of debug information.
    options.agentBinary = env.dir() + "/coxswain-agent";
    if (cox::testing::runCommand({"strip", "-o", options.agentBinary, COX_AGENT_BIN}).exitCode !=
        0) {
        std::fprintf(stderr, "bench_bootstrap: strip failed (apt-get install binutils)\n");
        return 1;
    }
    // Per-step time for the single machine, to show where the seconds go.
    std::vector<std::pair<std::string, double>> steps;
    auto stepStart = std::chrono::steady_clock::now();
    options.progress = [&](const ProgressEvent &e) {
        const auto now = std::chrono::steady_clock::now();
        if (e.kind == ProgressKind::StepStarted)
            stepStart = now;
        else if (e.kind == ProgressKind::StepDone || e.kind == ProgressKind::StepSkipped)
            steps.emplace_back(e.step, std::chrono::duration<double>(now - stepStart).count());
    };

    const auto t0 = std::chrono::steady_clock::now();
    MachineResult one = Pipeline::add(env.machine(0), options);
    options.progress = nullptr;
    const double single =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!one.ok) {
        std::fprintf(stderr, "%s\n", one.status().message().c_str());
        return 1;
    }
    std::printf("1 machine: start -> Ready %.2f s (", single);
    for (size_t i = 0; i < steps.size(); ++i)
        std::printf("%s%s %.2f", i ? ", " : "", steps[i].first.c_str(), steps[i].second);
    std::printf(")\n");

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
