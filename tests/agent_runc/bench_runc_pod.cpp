// bench_runc_pod: how long a pod takes to come up on the runc runtime — runSandbox (netns + CNI
// ADD) -> createContainer (bundle + runc create under the supervisor) -> startContainer -> state
// Running. 20 pods one after another, then 20 at once. Needs root, runc and /usr/lib/cni.
// With cgroup v1 cpuacct it also prints the CPU a pod costs at this layer (the bench process
// with every plugin and runc it starts, and the pods' cgroups, all in one cpuacct group): the
// floor under any node built on runc + CNI, since 20 pods can never start in less than
// 20 x that CPU / the machine's cores, however well the agent and control plane schedule them.
#include "runc_test_env.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace cox::agent;
using namespace cox::agent::runc::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct Phases {
    double sandbox = 0, create = 0, start = 0, total = -1;
    double sandboxCpu = 0, createCpu = 0, startCpu = 0; // ms, sequential runs only
};

// A cpuacct group (cgroup v1) holding this process and, as their cgroup parent, its pods.
class CpuGroup {
public:
    CpuGroup()
        : m_name("cox-bench-runc-" + std::to_string(::getpid())) {
        std::error_code ec;
        std::filesystem::create_directories(kRoot + "/" + m_name, ec);
        std::ofstream(kRoot + "/" + m_name + "/cgroup.procs") << ::getpid() << "\n";
        m_ok = !ec && usageNs() >= 0;
    }
    ~CpuGroup() {
        std::ofstream(kRoot + "/cgroup.procs") << ::getpid() << "\n";
        // runc made the pods' groups in every hierarchy; removeSandbox took them away again.
        for (const auto &hierarchy : std::filesystem::directory_iterator("/sys/fs/cgroup"))
            ::rmdir((hierarchy.path().string() + "/" + m_name).c_str());
    }
    bool ok() const { return m_ok; }
    // The pod cgroup for sandbox `index`, inside this group.
    std::string podParent(int index) const {
        return "/" + m_name + "/pod-" + std::to_string(index);
    }
    double usageMs() const { return double(usageNs()) / 1e6; }

private:
    long long usageNs() const {
        std::ifstream in(kRoot + "/" + m_name + "/cpuacct.usage");
        long long value = -1;
        in >> value;
        return value;
    }
    static inline const std::string kRoot = "/sys/fs/cgroup/cpuacct";
    std::string m_name;
    bool m_ok = false;
};

double msSince(Clock::time_point from) {
    return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
}

// One pod up to Running. `alone`: nothing else runs, so the group's CPU between the steps is
// this pod's.
Phases startPod(cox::agent::runc::RuncRuntime &runtime, int index, const CpuGroup &group,
                bool alone) {
    Phases phases;
    auto begin = Clock::now();
    auto pod = sandboxConfig("bench-" + std::to_string(index));
    const CpuGroup *cpu = alone && group.ok() ? &group : nullptr;
    double cpuMark = cpu ? cpu->usageMs() : 0;
    if (group.ok())
        pod.cgroupParent = group.podParent(index);
    auto sandbox = runtime.runSandbox(pod);
    if (!sandbox) {
        std::fprintf(stderr, "runSandbox: %s\n", sandbox.status().message().c_str());
        return phases;
    }
    phases.sandbox = msSince(begin);
    if (cpu) {
        phases.sandboxCpu = cpu->usageMs() - cpuMark;
        cpuMark = cpu->usageMs();
    }
    auto mark = Clock::now();
    auto container = runtime.createContainer(*sandbox, containerConfig("c", {"sleep", "600"}), pod);
    if (!container) {
        std::fprintf(stderr, "createContainer: %s\n", container.status().message().c_str());
        return phases;
    }
    phases.create = msSince(mark);
    if (cpu) {
        phases.createCpu = cpu->usageMs() - cpuMark;
        cpuMark = cpu->usageMs();
    }
    mark = Clock::now();
    if (!runtime.startContainer(*container))
        return phases;
    auto status =
        waitForState(runtime, *container, ContainerState::Running, std::chrono::seconds(30));
    if (status.state != ContainerState::Running)
        return phases;
    phases.start = msSince(mark);
    phases.total = msSince(begin);
    if (cpu)
        phases.startCpu = cpu->usageMs() - cpuMark;
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
    CpuGroup group; // before the node: its pods' cgroups go before the group does
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
        sequential.push_back(startPod(runtime, i, group, true));
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
    if (group.ok()) {
        auto mean = [&](double Phases::*field) {
            double sum = 0;
            for (const auto &phases : sequential)
                sum += phases.*field;
            return sum / pods;
        };
        // The bundle's rootfs here is a copy of busybox and its applet links, which the
        // agent never makes (it mounts image layers), so it is shown apart.
        std::printf("CPU a pod, one at a time: netns + CNI ADD %.1f ms + supervisor and runc "
                    "run %.1f ms = %.1f ms (+ this bench's rootfs copy and bundle %.1f ms)\n",
                    mean(&Phases::sandboxCpu), mean(&Phases::startCpu),
                    mean(&Phases::sandboxCpu) + mean(&Phases::startCpu), mean(&Phases::createCpu));
    }
    removeAll(runtime);

    std::vector<Phases> concurrent(pods);
    std::vector<std::thread> threads;
    const double cpu0 = group.usageMs();
    begin = Clock::now();
    for (int i = 0; i < pods; ++i)
        threads.emplace_back([&, i] { concurrent[i] = startPod(runtime, 100 + i, group, false); });
    for (auto &thread : threads)
        thread.join();
    wall = msSince(begin);
    for (const auto &phases : concurrent) {
        if (phases.total < 0)
            return 1;
    }
    report("20 at once", column(concurrent, &Phases::total), wall);
    if (group.ok()) {
        const double cpu = group.usageMs() - cpu0;
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        std::printf("CPU 20 at once: %.0f ms (%.1f ms a pod); %u cores can start 20 such pods "
                    "in no less than %.2f s\n",
                    cpu, cpu / pods, cores, cpu / cores / 1000);
    }
    removeAll(runtime);
    return 0;
}
