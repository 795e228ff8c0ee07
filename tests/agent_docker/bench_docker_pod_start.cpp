// bench_docker_pod_start: pod start latency on the docker runtime - the real coxswain-agent with
// --runtime docker on a private dockerd, measured exactly as bench_pod_start measures runc
// (PodStartTimer: API create -> Running seen by a watch; one pod at a time x10, then 20 at
// once). The agent runs with --no-network (no service rules/DNS) on both sides of any
// comparison made with bench_swarm_compare. Needs root, docker.io, runc, CNI plugins,
// docker-registry and busybox-static.
#include "docker_daemon.h"
#include "pod_start_timer.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

using namespace cox::agent::testing;
using namespace std::chrono_literals;

int main() {
    for (const std::string &missing :
         {missingPrerequisite(), DockerDaemon::missingPrerequisite()}) {
        if (!missing.empty()) {
            std::printf("bench_docker_pod_start skipped: %s\n", missing.c_str());
            return 0;
        }
    }
    DockerDaemon daemon;
    if (std::string error = daemon.start(); !error.empty()) {
        std::fprintf(stderr, "dockerd: %s\n", error.c_str());
        return 1;
    }
    std::string cidr;
    {
        SystemEnv env;
        env.setRuntime("docker", {{"DOCKER_HOST", daemon.host()}});
        if (std::string error = env.startReadyNode(90s); !error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        cidr = env.podCidr();
        PodStartTimer timer;
        if (std::string error = timer.start(env); !error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        std::string version = daemon.docker({"version", "--format", "{{.Server.Version}}"}).out;
        timer.runRounds("docker runtime, dockerd " + version.substr(0, version.find('\n')));
        // With COX_DOCKER_TRACE=1 the agent logged every Engine API call and the pod steps.
        if (const char *keep = std::getenv("COX_BENCH_AGENT_LOG"); keep && *keep)
            std::ofstream(keep) << env.agentLog();
    }
    daemon.stop();
    removePodMasquerade(cidr);
    return 0;
}
