// bench_pod_burst: what 20 replicas cost on a runc node - a Deployment of 20 created at once
// (as bench_swarm_compare does, pre-pulled busybox), from the POST to 20 pods seen Running by a
// watch, and the CPU that took: the control plane (this process), the agent with everything it
// starts (CNI plugins, runc, container supervisors: a cpuacct cgroup the agent is moved into)
// and the containers' own cgroups (runc init's last part and the sleep loop). CPU figures are
// what machine load does not distort. Flags: --network (the agent's node network, as users run
// it; default --no-network as bench_swarm_compare), --replicas N, --sync-threads N (the agent's
// syncThreads: pods started at once; default the agent's own), --log (the agent's per-pod start
// lines). Needs root, runc, CNI plugins, docker-registry, busybox-static and cgroup v1
// cpuacct at /sys/fs/cgroup/cpuacct.
#include "pod_start_timer.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

using namespace cox::agent::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string kCpuacct = "/sys/fs/cgroup/cpuacct";

double readNumber(const std::string &path) {
    std::ifstream in(path);
    double value = 0;
    in >> value;
    return value;
}

double selfCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto secs = [](const timeval &t) {
        return t.tv_sec + t.tv_usec / 1e6;
    };
    return secs(usage.ru_utime) + secs(usage.ru_stime);
}

// A cpuacct cgroup holding the agent and whatever it starts from now on.
class AgentCgroup {
public:
    explicit AgentCgroup(pid_t agent)
        : m_dir(kCpuacct + "/cox-bench-" + std::to_string(::getpid())) {
        std::error_code ec;
        fs::create_directories(m_dir, ec);
        std::ofstream(m_dir + "/cgroup.procs") << agent << "\n";
    }
    ~AgentCgroup() {
        // The agent is gone once SystemEnv is; move any straggler out, then remove the group.
        std::ifstream procs(m_dir + "/cgroup.procs");
        for (std::string pid; std::getline(procs, pid);)
            std::ofstream(kCpuacct + "/cgroup.procs") << pid << "\n";
        ::rmdir(m_dir.c_str());
    }
    double cpuSeconds() const { return readNumber(m_dir + "/cpuacct.usage") / 1e9; }

private:
    std::string m_dir;
};

// CPU seconds used so far by the containers the agent made (their cgroups, from the records).
double containerCpuSeconds(const std::string &dataDir) {
    double total = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(dataDir + "/runc/containers", ec)) {
        std::ifstream in(entry.path() / "container.json");
        std::stringstream text;
        text << in.rdbuf();
        auto record = cox::model::Json::parse(text.str(), nullptr, false);
        if (record.is_object())
            total += readNumber(kCpuacct + record.value("cgroup", "") + "/cpuacct.usage") / 1e9;
    }
    return total;
}

// The agent process's own CPU (utime + stime, not its children) from /proc/<pid>/stat.
double processCpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i == 14 || i == 15)
            ticks += std::stod(field);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

} // namespace

int main(int argc, char **argv) {
    bool network = false, showLog = false;
    int replicas = 20;
    std::string syncThreads;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--network"))
            network = true;
        else if (!std::strcmp(argv[i], "--log"))
            showLog = true;
        else if (!std::strcmp(argv[i], "--replicas") && i + 1 < argc)
            replicas = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--sync-threads") && i + 1 < argc)
            syncThreads = std::to_string(std::atoi(argv[++i]));
    }
    if (std::string missing = missingPrerequisite(); !missing.empty()) {
        std::printf("bench_pod_burst skipped: %s\n", missing.c_str());
        return 0;
    }
    if (::access((kCpuacct + "/cpuacct.usage").c_str(), R_OK) != 0) {
        std::printf("bench_pod_burst skipped: no cgroup v1 cpuacct at %s\n", kCpuacct.c_str());
        return 0;
    }
    SystemEnv env;
    if (network)
        env.enableNodeNetwork();
    if (!syncThreads.empty())
        env.setAgentConfig("syncThreads", syncThreads);
    if (std::string error = env.startReadyNode(90s); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    PodStartTimer timer;
    if (std::string error = timer.start(env); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    timer.startPods({"warm-up"}); // pulls the image
    timer.deletePods({"warm-up"});

    AgentCgroup cgroup(env.agentPid());
    const double agent0 = cgroup.cpuSeconds(), plane0 = selfCpuSeconds();
    const double own0 = processCpuSeconds(env.agentPid());
    const std::string load = loadAverage();
    auto t0 = BenchClock::now();
    auto created = env.admin().post("/apis/apps/v1/namespaces/default/deployments",
                                    benchDeployment("burst", env.image(), replicas));
    if (!created) {
        std::fprintf(stderr, "deployment: %s\n", created.status().message().c_str());
        return 1;
    }
    auto reached = timer.waitForRunning("burst", static_cast<size_t>(replicas), 180s);
    const double agentCpu = cgroup.cpuSeconds() - agent0, planeCpu = selfCpuSeconds() - plane0;
    const double ownCpu = processCpuSeconds(env.agentPid()) - own0;
    const double containersCpu = containerCpuSeconds(env.dataDir());
    if (!reached) {
        std::fprintf(stderr, "%d replicas never ran:\n%s\n", replicas, env.agentLog().c_str());
        return 1;
    }
    auto seen = timer.nthSeen("burst", static_cast<size_t>(replicas));
    std::printf("bench_pod_burst: %d replicas, %s, syncThreads %s, load before %s\n", replicas,
                network ? "node network" : "--no-network",
                syncThreads.empty() ? "default" : syncThreads.c_str(), load.c_str());
    std::printf("  POST -> %d Running      %8.3f s (all pods existed after %.3f s)\n", replicas,
                millis(*reached - t0) / 1000, seen ? millis(*seen - t0) / 1000 : -1.0);
    std::printf("  CPU agent+plugins+runc %8.3f s (%.1f ms a pod)\n", agentCpu,
                agentCpu * 1000 / replicas);
    std::printf("  ... the agent process  %8.3f s (%.1f ms a pod)\n", ownCpu,
                ownCpu * 1000 / replicas);
    std::printf("  CPU containers         %8.3f s\n", containersCpu);
    std::printf("  CPU control plane      %8.3f s\n", planeCpu);
    std::printf("  CPU total              %8.3f s (%.1f ms a pod)\n",
                agentCpu + containersCpu + planeCpu,
                (agentCpu + containersCpu + planeCpu) * 1000 / replicas);
    if (showLog) {
        std::printf("  Running seen at (steady ms):");
        for (auto t : timer.runningTimes("burst"))
            std::printf(" %lld", static_cast<long long>(
                                     std::chrono::duration_cast<std::chrono::milliseconds>(
                                         t.time_since_epoch())
                                         .count()));
        std::printf("\n  POST at %lld\n",
                    static_cast<long long>(
                        std::chrono::duration_cast<std::chrono::milliseconds>(t0.time_since_epoch())
                            .count()));
        std::istringstream lines(env.agentLog());
        for (std::string line; std::getline(lines, line);)
            if (line.find("after the watch saw it") != std::string::npos)
                std::printf("  %s\n", line.c_str());
    }
    (void)env.admin().del("/apis/apps/v1/namespaces/default/deployments/burst");
    return 0;
}
