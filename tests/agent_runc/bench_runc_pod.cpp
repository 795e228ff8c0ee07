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

double startPod(cox::agent::runc::RuncRuntime &runtime, int index, std::string &sandboxOut) {
    auto begin = Clock::now();
    auto pod = sandboxConfig("bench-" + std::to_string(index));
    auto sandbox = runtime.runSandbox(pod);
    if (!sandbox) {
        std::fprintf(stderr, "runSandbox: %s\n", sandbox.status().message().c_str());
        return -1;
    }
    sandboxOut = *sandbox;
    auto container = runtime.createContainer(*sandbox, containerConfig("c", {"sleep", "600"}), pod);
    if (!container || !runtime.startContainer(*container)) {
        std::fprintf(stderr, "container: %s\n", container.status().message().c_str());
        return -1;
    }
    auto status =
        waitForState(runtime, *container, ContainerState::Running, std::chrono::seconds(30));
    if (status.state != ContainerState::Running)
        return -1;
    return std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
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
    std::vector<double> sequential;
    auto begin = Clock::now();
    for (int i = 0; i < pods; ++i) {
        std::string sandbox;
        double ms = startPod(runtime, i, sandbox);
        if (ms < 0)
            return 1;
        sequential.push_back(ms);
    }
    report("sequential", sequential,
           std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    removeAll(runtime);

    std::vector<double> concurrent(pods, -1);
    std::vector<std::string> sandboxes(pods);
    std::vector<std::thread> threads;
    begin = Clock::now();
    for (int i = 0; i < pods; ++i)
        threads.emplace_back([&, i] { concurrent[i] = startPod(runtime, 100 + i, sandboxes[i]); });
    for (auto &thread : threads)
        thread.join();
    double wall = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
    if (std::count(concurrent.begin(), concurrent.end(), -1.0) > 0)
        return 1;
    report("20 at once", concurrent, wall);
    removeAll(runtime);
    return 0;
}
