// bench_pod_start: pod start latency on a real node (coxswain-agent + runc + CNI + a local
// registry): from the API create request to the pod seen Running (with an IP) by a watch.
// One pod at a time (10 rounds), then 20 created at once. Needs root, runc, CNI plugins,
// docker-registry and busybox-static. The first round includes the image pull.
#include "system_env.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

using namespace cox::agent::testing;
using cox::agent::Json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

struct Watcher {
    std::mutex mutex;
    std::map<std::string, Clock::time_point> running;
    std::atomic<bool> stop{false};
};

void watchLoop(cox::http::ClientStream &stream, Watcher &w) {
    while (!w.stop) {
        auto line = stream.nextLine(200ms);
        if (!line)
            continue; // timeout: look at the stop flag again
        if (!*line)
            return;
        Json event = Json::parse(**line, nullptr, false);
        if (!event.is_object() || !event.contains("object"))
            continue;
        const Json &pod = event["object"];
        if (podRunning(pod)) {
            std::lock_guard lock(w.mutex);
            w.running.emplace(pod["metadata"].value("name", ""), Clock::now());
        }
    }
}

Json benchPod(const std::string &name, const std::string &image) {
    Json container = {
        {"name", "app"},
        {"image", image},
        {"command", {"sh", "-c", "trap 'exit 0' TERM; while true; do busybox sleep 1; done"}},
        {"resources", {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}}}}};
    Json meta = {{"name", name}, {"namespace", "default"}, {"labels", {{"app", "bench"}}}};
    Json spec = {{"terminationGracePeriodSeconds", 1}, {"containers", Json::array({container})}};
    return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec}};
}

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

void report(const char *label, std::vector<double> v) {
    if (v.empty()) {
        std::printf("%-28s no samples\n", label);
        return;
    }
    std::sort(v.begin(), v.end());
    auto pct = [&](double p) {
        return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
    };
    std::printf("%-28s n=%-3zu p50 %8.1f ms  p99 %8.1f ms  min %8.1f  max %8.1f\n", label, v.size(),
                pct(0.5), pct(0.99), v.front(), v.back());
}

// Creates `names` at once and returns their create->Running latencies (ms); bounded by 180 s.
std::vector<double> startPods(SystemEnv &env, Watcher &w, const std::vector<std::string> &names) {
    std::map<std::string, Clock::time_point> created;
    for (const auto &name : names) {
        created[name] = Clock::now();
        if (auto s = env.createPod(benchPod(name, env.image())); !s)
            std::fprintf(stderr, "create %s: %s\n", name.c_str(), s.message().c_str());
    }
    cox::testing::waitUntil(
        [&] {
            std::lock_guard lock(w.mutex);
            return std::all_of(names.begin(), names.end(),
                               [&](const std::string &n) { return w.running.count(n) > 0; });
        },
        180s);
    std::vector<double> out;
    std::lock_guard lock(w.mutex);
    for (const auto &name : names)
        if (auto it = w.running.find(name); it != w.running.end())
            out.push_back(ms(it->second - created[name]));
    return out;
}

void deletePods(SystemEnv &env, const std::vector<std::string> &names) {
    for (const auto &name : names)
        (void)env.deletePod(name);
    cox::testing::waitUntil(
        [&] {
            return std::all_of(names.begin(), names.end(), [&](const std::string &n) {
                return env.pod(n).status().code() == cox::StatusCode::NotFound;
            });
        },
        120s);
}

} // namespace

int main() {
    if (std::string missing = missingPrerequisite(); !missing.empty()) {
        std::printf("bench_pod_start skipped: %s\n", missing.c_str());
        return 0;
    }
    SystemEnv env;
    env.enableNodeNetwork(); // measured as users run it: service rules, routes and DNS included
    if (std::string error = env.start(); !error.empty()) {
        std::fprintf(stderr, "set-up: %s\n", error.c_str());
        return 1;
    }
    if (std::string error = env.startAgent(); !error.empty()) {
        std::fprintf(stderr, "agent: %s\n", error.c_str());
        return 1;
    }
    if (!cox::testing::waitUntil([&] { return env.nodeReady() && !env.podCidr().empty(); }, 60s)) {
        std::fprintf(stderr, "node never became Ready:\n%s\n", env.agentLog().c_str());
        return 1;
    }
    auto stream = env.admin().stream("/api/v1/namespaces/default/pods?watch=true");
    if (!stream) {
        std::fprintf(stderr, "watch: %s\n", stream.status().message().c_str());
        return 1;
    }
    Watcher watcher;
    std::thread reader([&] { watchLoop(**stream, watcher); });

    std::vector<double> single;
    double firstWithPull = -1;
    for (int round = 0; round < 11; ++round) {
        std::string name = "single-" + std::to_string(round);
        auto latency = startPods(env, watcher, {name});
        if (round == 0 && !latency.empty())
            firstWithPull = latency[0]; // includes the image pull; not in the sample
        else
            single.insert(single.end(), latency.begin(), latency.end());
        deletePods(env, {name});
    }
    std::vector<std::string> burst;
    for (int i = 0; i < 20; ++i)
        burst.push_back("burst-" + std::to_string(i));
    auto burstLatency = startPods(env, watcher, burst);

    std::printf("bench_pod_start: API create -> Running seen by a watch (runc, busybox image)\n");
    std::printf("%-28s %8.1f ms\n", "first pod (image pull)", firstWithPull);
    report("1 pod at a time (10x)", single);
    report("20 pods at once", burstLatency);
    deletePods(env, burst);
    watcher.stop = true;
    reader.join();
    (*stream)->close();
    return 0;
}
