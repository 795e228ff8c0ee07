// PodStartTimer: the measuring half of the pod start benchmarks (bench_pod_start here,
// bench_docker_pod_start and bench_swarm_compare in tests/agent_docker): a pod watch on the
// node's control plane that records when each pod is first seen Running with an IP, plus the
// benchmark pod, create/delete helpers and the p50/p99 report line they all print.
#pragma once

#include "system_env.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cox::agent::testing {

using BenchClock = std::chrono::steady_clock;

// A pod running a sleep loop in `image`, labelled app=<app>.
Json benchPod(const std::string &name, const std::string &image, const std::string &app = "bench");
// The same container in a Deployment's pod template.
Json benchDeployment(const std::string &name, const std::string &image, int replicas);
// "label  n=.. p50 .. ms  p99 .. ms  min ..  max .." on stdout.
void reportLatencies(const char *label, std::vector<double> samples);
double millis(BenchClock::duration d);

class PodStartTimer {
public:
    // Opens the watch (all pods of namespace default); empty error text when it runs.
    std::string start(SystemEnv &env);
    ~PodStartTimer();

    // Creates `names` at once and returns their create->Running latencies in ms (bounded: 180 s).
    std::vector<double> startPods(const std::vector<std::string> &names);
    // Deletes them and waits (bounded) until they are gone.
    void deletePods(const std::vector<std::string> &names);
    // The pod start benchmark both runtimes run: one pod at a time (11 rounds, the first with
    // the image pull reported apart), then 20 at once; prints the figures under `runtime`.
    void runRounds(const std::string &runtime);
    // The moment the `count`-th pod labelled app=<app> was seen Running, if it was within
    // `timeout`.
    std::optional<BenchClock::time_point> waitForRunning(const std::string &app, size_t count,
                                                         std::chrono::seconds timeout);

    // When the watch first saw the `count`-th pod labelled app=<app> (any state): how long the
    // control plane took to create them, apart from the node starting them.
    std::optional<BenchClock::time_point> nthSeen(const std::string &app, size_t count);
    // Every pod labelled app=<app> seen Running so far, in the order they were seen.
    std::vector<BenchClock::time_point> runningTimes(const std::string &app);

private:
    void watchLoop();

    SystemEnv *m_env = nullptr;
    std::unique_ptr<http::ClientStream> m_stream;
    std::thread m_reader;
    std::mutex m_mutex;
    std::map<std::string, BenchClock::time_point> m_running;            // pod -> first Running
    std::map<std::string, std::vector<BenchClock::time_point>> m_byApp; // app -> Running times
    std::map<std::string, BenchClock::time_point> m_seen;               // pod -> first event
    std::map<std::string, std::vector<BenchClock::time_point>> m_seenByApp;
    std::atomic<bool> m_stop{false};
};

} // namespace cox::agent::testing
