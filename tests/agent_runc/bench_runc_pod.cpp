// bench_runc_pod: how long a pod takes to come up on the runc runtime — runSandbox (netns + CNI
// ADD) -> createContainer (bundle + runc create under the supervisor) -> startContainer -> state
// Running. 20 pods one after another, then 20 at once. Needs root, runc and /usr/lib/cni.
#include "runc_test_env.h"

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace cox::agent;
using namespace cox::agent::runc::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct Phases {
    double sandbox = 0, create = 0, start = 0, total = -1;
};

double msSince(Clock::time_point from) {
    return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
}

Phases startPod(cox::agent::runc::RuncRuntime &runtime, int index) {
    Phases phases;
    auto begin = Clock::now();
    auto pod = sandboxConfig("bench-" + std::to_string(index));
    auto sandbox = runtime.runSandbox(pod);
    if (!sandbox) {
        std::fprintf(stderr, "runSandbox: %s\n", sandbox.status().message().c_str());
        return phases;
    }
    phases.sandbox = msSince(begin);
    auto mark = Clock::now();
    auto container = runtime.createContainer(*sandbox, containerConfig("c", {"sleep", "600"}), pod);
    if (!container) {
        std::fprintf(stderr, "createContainer: %s\n", container.status().message().c_str());
        return phases;
    }
    phases.create = msSince(mark);
    mark = Clock::now();
    if (!runtime.startContainer(*container))
        return phases;
    auto status =
        waitForState(runtime, *container, ContainerState::Running, std::chrono::seconds(30));
    if (status.state != ContainerState::Running)
        return phases;
    phases.start = msSince(mark);
    phases.total = msSince(begin);
    return phases;
}

void report(const char *label, std::vector<double> samples, double wallMs) {
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) {
        size_t i = static_cast<size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
        return samples[std::min(i, samples.size() - 1)];
    };
    std::printf("%-14s n=%zu p50=%.1f ms p99=%.1f ms max=%.1f ms wall=%.1f ms\n", label,
                samples.size(), at(0.5), at(0.99), samples.back(), wallMs);
}

void removeAll(cox::agent::runc::RuncRuntime &runtime) {
    if (auto sandboxes = runtime.listSandboxes()) {
        for (const auto &sandbox : *sandboxes)
            (void)runtime.removeSandbox(sandbox.id);
    }
}

} // namespace

int main() {
    if (auto missing = missingPrerequisite(); !missing.empty()) {
        std::printf("bench_runc_pod skipped: %s\n", missing.c_str());
        return 0;
    }
    TestNode node(90);
    if (!node.ok()) {
        std::fprintf(stderr, "runtime: %s\n", node.error().c_str());
        return 1;
    }
    auto &runtime = node.runtime();
    const int pods = 20;
    std::vector<Phases> sequential;
    auto begin = Clock::now();
    for (int i = 0; i < pods; ++i) {
        sequential.push_back(startPod(runtime, i));
        if (sequential.back().total < 0)
            return 1;
    }
    double wall = msSince(begin);
    auto column = [](const std::vector<Phases> &all, double Phases::*field) {
        std::vector<double> values;
        for (const auto &phases : all)
            values.push_back(phases.*field);
        return values;
    };
    report("sequential", column(sequential, &Phases::total), wall);
    report(" runSandbox", column(sequential, &Phases::sandbox), 0);
    report(" create", column(sequential, &Phases::create), 0);
    report(" start->Running", column(sequential, &Phases::start), 0);
    removeAll(runtime);

    std::vector<Phases> concurrent(pods);
    std::vector<std::thread> threads;
    begin = Clock::now();
    for (int i = 0; i < pods; ++i)
        threads.emplace_back([&, i] { concurrent[i] = startPod(runtime, 100 + i); });
    for (auto &thread : threads)
        thread.join();
    wall = msSince(begin);
    for (const auto &phases : concurrent) {
        if (phases.total < 0)
            return 1;
    }
    report("20 at once", column(concurrent, &Phases::total), wall);
    removeAll(runtime);
    return 0;
}
