// bench_swarm_compare: on one machine, the time from the request to 20 replicas running for
// (a) Docker Swarm on a private dockerd (`docker service create --replicas 20`, until the 20th
//     task container started, from `docker events`; `docker service ps` confirms 20 Running),
// (b) Coxswain on runc and (c) Coxswain on the docker runtime (a Deployment of 20 replicas,
//     until a watch has seen 20 of its pods Running with an IP).
// Every side runs the same busybox image from a loopback registry, pulled beforehand (by a
// warm-up pod, or `docker pull` for Swarm), and the same sleep-loop command; the agents run with
// --no-network. Coxswain's clock stops at the watch event of the 20th Running pod (after its
// status went through the API); Swarm's at dockerd's start event of the 20th task container,
// before Swarm itself reports it, so Swarm is credited with the earliest moment it could be
// seen. Each side's CPU is the whole machine's over its window, so it is that side's cost
// only on an otherwise quiet machine: the load average is printed beside every figure. Cleans up
// after itself (swarm leave --force, every dockerd stopped).
#include "docker_daemon.h"
#include "pod_start_timer.h"
#include "test_image.h"
#include "test_registry.h"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace cox::agent::testing;
using namespace std::chrono_literals;

namespace {

constexpr int kReplicas = 20;

// "load 1.23 0.98 0.75" from /proc/loadavg (1, 5 and 15 minute averages).
std::string load() {
    std::ifstream in("/proc/loadavg");
    double one = 0, five = 0, fifteen = 0;
    in >> one >> five >> fifteen;
    char text[64];
    std::snprintf(text, sizeof text, "load %.2f %.2f %.2f", one, five, fifteen);
    return text;
}

struct Figure {
    double seconds = -1;
    double cpuSeconds = -1; // the whole machine's, from the request to the replicas running
    std::string loadBefore, loadAfter;
};

// CPU seconds the whole machine has spent busy since boot (/proc/stat: all but idle and
// iowait). Over a side's window on an otherwise quiet machine that is the side's cost: its
// daemons, plugins, runc and containers, whichever processes they are.
double machineCpuSeconds() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
                       steal = 0;
    in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
    return double(user + nice + system + irq + softirq + steal) / double(::sysconf(_SC_CLK_TCK));
}

int runningTasks(DockerDaemon &daemon) {
    auto ps = daemon.docker({"service", "ps", "cmp", "--filter", "desired-state=running",
                             "--format", "{{.CurrentState}}"},
                            30s);
    std::istringstream lines(ps.out);
    int running = 0;
    for (std::string l; std::getline(lines, l);)
        running += l.rfind("Running", 0) == 0;
    return running;
}
// Seconds from `t0` to the kReplicas-th container start in `docker events` output (one
// TimeNano per line); negative when fewer started.
double nthStartSeconds(const std::string &events, std::chrono::system_clock::time_point t0) {
    std::vector<long long> starts;
    std::istringstream lines(events);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0])))
            starts.push_back(std::stoll(line));
    if (starts.size() < size_t(kReplicas))
        return -1;
    std::sort(starts.begin(), starts.end());
    const long long t0Nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(t0.time_since_epoch()).count();
    return double(starts[kReplicas - 1] - t0Nanos) / 1e9;
}

const char *kScript = "trap 'exit 0' TERM; while true; do busybox sleep 1; done";

// Seconds from `docker service create` to 20 tasks Running; negative on failure.
double swarmSeconds(double *cpu) {
    cox::testing::TestRegistry registry;
    if (std::string error = registry.start(); !error.empty()) {
        std::fprintf(stderr, "registry: %s\n", error.c_str());
        return -1;
    }
    if (std::string error = cox::testing::pushImage(registry.url(), "busybox", "1",
                                                    cox::testing::TestImageBuilder::busybox());
        !error.empty()) {
        std::fprintf(stderr, "push: %s\n", error.c_str());
        return -1;
    }
    std::string image = registry.hostPort() + "/busybox:1";
    DockerDaemon daemon;
    if (std::string error = daemon.start(); !error.empty()) {
        std::fprintf(stderr, "dockerd: %s\n", error.c_str());
        return -1;
    }
    auto init = daemon.docker({"swarm", "init", "--advertise-addr", "127.0.0.1"});
    auto pull = daemon.docker({"pull", image});
    double seconds = -1;
    if (init.exitCode != 0 || pull.exitCode != 0) {
        std::fprintf(stderr, "swarm init / pull: %s%s\n", init.err.c_str(), pull.err.c_str());
    } else {
        // dockerd's own record of each container start: the 20th is the earliest moment any
        // client could see 20 tasks running, and it needs no polling, whose CLI runs would
        // take CPU from Swarm while it works.
        std::string eventsLog = cox::testing::makeTempDir("cox-swarm-events") + "/events";
        cox::testing::ChildProcess events;
        events.start({"docker", "-H", daemon.host(), "events", "--filter", "type=container",
                      "--filter", "event=start", "--format", "{{.TimeNano}}"},
                     {}, eventsLog);
        std::this_thread::sleep_for(500ms); // subscribed before the service exists
        auto t0 = BenchClock::now();
        const auto wallT0 = std::chrono::system_clock::now();
        const double cpu0 = machineCpuSeconds();
        auto created =
            daemon.docker({"service", "create", "--detach", "--replicas", std::to_string(kReplicas),
                           "--name", "cmp", image, "sh", "-c", kScript});
        // The end condition, polled gently (bounded): the CLI agrees all 20 run.
        std::optional<BenchClock::time_point> seen;
        while (created.exitCode == 0 && !seen && BenchClock::now() - t0 < 180s) {
            auto pollStart = BenchClock::now();
            if (runningTasks(daemon) >= kReplicas)
                seen = pollStart;
            else
                std::this_thread::sleep_for(200ms);
        }
        events.stop(SIGTERM);
        if (seen) {
            *cpu = machineCpuSeconds() - cpu0;
            std::printf("  swarm: `docker service ps` showed %d Running after %.2f s\n", kReplicas,
                        millis(*seen - t0) / 1000);
            seconds = nthStartSeconds(cox::testing::readFile(eventsLog), wallT0);
        } else {
            std::fprintf(stderr, "swarm: %s\n", created.err.c_str());
        }
        cox::testing::removeTree(std::filesystem::path(eventsLog).parent_path().string());
        daemon.docker({"service", "rm", "cmp"});
    }
    daemon.docker({"swarm", "leave", "--force"});
    daemon.stop(); // removes the task containers; then the gateway bridge swarm made
    cox::testing::runCommand({"ip", "link", "del", "docker_gwbridge"});
    return seconds;
}

// Seconds from POST Deployment to 20 of its pods Running on a node with `runtime`.
double coxswainSeconds(const std::string &runtime, DockerDaemon *daemon, std::string *podCidr,
                       double *cpu) {
    SystemEnv env;
    if (daemon)
        env.setRuntime(runtime, {{"DOCKER_HOST", daemon->host()}});
    if (std::string error = env.startReadyNode(90s); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return -1;
    }
    *podCidr = env.podCidr();
    PodStartTimer timer;
    if (std::string error = timer.start(env); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return -1;
    }
    timer.startPods({"warm-up"}); // pulls the image, as `docker pull` does for Swarm
    timer.deletePods({"warm-up"});
    auto t0 = BenchClock::now();
    const double cpu0 = machineCpuSeconds();
    auto created = env.admin().post("/apis/apps/v1/namespaces/default/deployments",
                                    benchDeployment("cmp", env.image(), kReplicas));
    if (!created) {
        std::fprintf(stderr, "deployment: %s\n", created.status().message().c_str());
        return -1;
    }
    auto reached = timer.waitForRunning("cmp", kReplicas, 180s);
    *cpu = machineCpuSeconds() - cpu0;
    if (auto seen = timer.nthSeen("cmp", kReplicas))
        std::printf("  %s: the 20th pod existed after %.2f s\n", runtime.c_str(),
                    millis(*seen - t0) / 1000);
    (void)env.admin().del("/apis/apps/v1/namespaces/default/deployments/cmp");
    if (!reached) {
        std::fprintf(stderr, "%s: 20 replicas never ran:\n%s\n", runtime.c_str(),
                     env.agentLog().c_str());
        return -1;
    }
    return millis(*reached - t0) / 1000;
}

} // namespace

int main() {
    for (const std::string &missing :
         {missingPrerequisite(), DockerDaemon::missingPrerequisite()}) {
        if (!missing.empty()) {
            std::printf("bench_swarm_compare skipped: %s\n", missing.c_str());
            return 0;
        }
    }
    auto measure = [](const std::function<double(double *)> &side) {
        Figure figure;
        figure.loadBefore = load();
        figure.seconds = side(&figure.cpuSeconds);
        figure.loadAfter = load();
        return figure;
    };
    Figure swarm = measure(swarmSeconds);
    Figure runc = measure([](double *cpu) {
        std::string cidr;
        return coxswainSeconds("runc", nullptr, &cidr, cpu);
    });
    Figure docker = measure([](double *cpu) {
        DockerDaemon daemon;
        if (std::string error = daemon.start(); !error.empty()) {
            std::fprintf(stderr, "dockerd: %s\n", error.c_str());
            return -1.0;
        }
        std::string cidr;
        double seconds = coxswainSeconds("docker", &daemon, &cidr, cpu);
        removePodMasquerade(cidr);
        return seconds;
    });
    std::printf("bench_swarm_compare: request -> %d replicas running (busybox, pre-pulled)\n",
                kReplicas);
    auto row = [&](const char *label, const Figure &figure) {
        std::printf("%-34s %8.2f s, CPU %5.2f s (%3.0f ms a replica)", label, figure.seconds,
                    figure.cpuSeconds, figure.cpuSeconds * 1000 / kReplicas);
        if (&figure != &swarm)
            std::printf("  (%.2fx Swarm's speed)",
                        figure.seconds > 0 ? swarm.seconds / figure.seconds : 0.0);
        std::printf("  [%s before, %s after]\n", figure.loadBefore.c_str(),
                    figure.loadAfter.c_str());
    };
    row("Docker Swarm (service create)", swarm);
    row("Coxswain on runc (Deployment)", runc);
    row("Coxswain on docker (Deployment)", docker);
    return swarm.seconds > 0 && runc.seconds > 0 && docker.seconds > 0 ? 0 : 1;
}
