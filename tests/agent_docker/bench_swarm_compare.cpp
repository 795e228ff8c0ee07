// bench_swarm_compare: on one machine, the time from the request to 20 replicas running for
// (a) Docker Swarm on a private dockerd (`docker service create --replicas 20`, until
//     `docker service ps` shows 20 tasks Running),
// (b) Coxswain on runc and (c) Coxswain on the docker runtime (a Deployment of 20 replicas,
//     until a watch has seen 20 of its pods Running with an IP).
// Every side runs the same busybox image from a loopback registry, pulled beforehand (by a
// warm-up pod, or `docker pull` for Swarm), and the same sleep-loop command; the agents run with
// --no-network. Cleans up after itself (swarm leave --force, every dockerd stopped).
#include "docker_daemon.h"
#include "pod_start_timer.h"
#include "test_image.h"
#include "test_registry.h"

#include <cstdio>
#include <sstream>

using namespace cox::agent::testing;
using namespace std::chrono_literals;

namespace {

constexpr int kReplicas = 20;
const char *kScript = "trap 'exit 0' TERM; while true; do busybox sleep 1; done";

// Seconds from `docker service create` to 20 tasks Running; negative on failure.
double swarmSeconds() {
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
        auto t0 = BenchClock::now();
        auto created =
            daemon.docker({"service", "create", "--detach", "--replicas", std::to_string(kReplicas),
                           "--name", "cmp", image, "sh", "-c", kScript});
        bool all = created.exitCode == 0 &&
                   cox::testing::waitUntil(
                       [&] {
                           auto ps = daemon.docker({"service", "ps", "cmp", "--filter",
                                                    "desired-state=running", "--format",
                                                    "{{.CurrentState}}"},
                                                   30s);
                           std::istringstream lines(ps.out);
                           int running = 0;
                           for (std::string l; std::getline(lines, l);)
                               running += l.rfind("Running", 0) == 0;
                           return running >= kReplicas;
                       },
                       180s);
        if (all)
            seconds = millis(BenchClock::now() - t0) / 1000;
        else
            std::fprintf(stderr, "swarm: %s\n", created.err.c_str());
        daemon.docker({"service", "rm", "cmp"});
    }
    daemon.docker({"swarm", "leave", "--force"});
    daemon.stop(); // removes the task containers; then the gateway bridge swarm made
    cox::testing::runCommand({"ip", "link", "del", "docker_gwbridge"});
    return seconds;
}

// Seconds from POST Deployment to 20 of its pods Running on a node with `runtime`.
double coxswainSeconds(const std::string &runtime, DockerDaemon *daemon) {
    SystemEnv env;
    if (daemon)
        env.setRuntime(runtime, {{"DOCKER_HOST", daemon->host()}});
    if (std::string error = env.startReadyNode(90s); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return -1;
    }
    PodStartTimer timer;
    if (std::string error = timer.start(env); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return -1;
    }
    timer.startPods({"warm-up"}); // pulls the image, as `docker pull` does for Swarm
    timer.deletePods({"warm-up"});
    auto t0 = BenchClock::now();
    auto created = env.admin().post("/apis/apps/v1/namespaces/default/deployments",
                                    benchDeployment("cmp", env.image(), kReplicas));
    if (!created) {
        std::fprintf(stderr, "deployment: %s\n", created.status().message().c_str());
        return -1;
    }
    auto reached = timer.waitForRunning("cmp", kReplicas, 180s);
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
    double swarm = swarmSeconds();
    double runc = coxswainSeconds("runc", nullptr);
    double docker = -1;
    {
        DockerDaemon daemon;
        if (std::string error = daemon.start(); error.empty())
            docker = coxswainSeconds("docker", &daemon);
        else
            std::fprintf(stderr, "dockerd: %s\n", error.c_str());
    }
    std::printf("bench_swarm_compare: request -> %d replicas running (busybox, pre-pulled)\n",
                kReplicas);
    std::printf("%-34s %8.2f s\n", "Docker Swarm (service create)", swarm);
    std::printf("%-34s %8.2f s  (%.1fx faster than Swarm)\n", "Coxswain on runc (Deployment)", runc,
                runc > 0 ? swarm / runc : 0.0);
    std::printf("%-34s %8.2f s  (%.1fx faster than Swarm)\n", "Coxswain on docker (Deployment)",
                docker, docker > 0 ? swarm / docker : 0.0);
    return swarm > 0 && runc > 0 && docker > 0 ? 0 : 1;
}
