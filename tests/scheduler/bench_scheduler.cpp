// bench_scheduler: scheduler throughput and latency on a simulated cluster.
//   5,000 nodes (4 cpu / 16Gi / 110 pods, 5 zones); 10,000 and 50,000 pods of 100m / 128Mi in
//   ReplicaSets of 100, through the real Scheduler loop with an in-memory binder that confirms
//   each binding into the cache (as the API watch would); then pods with required anti-affinity
//   on kubernetes.io/hostname; then explain() over 1,000 nodes.
// Usage: bench_scheduler [nodes=5000] [quick]   ("quick" shrinks the pod counts tenfold)
#include "scheduler/explanation.h"
#include "scheduler/scheduler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

using namespace cox;
using namespace cox::scheduler;
using model::Json;
using Steady = std::chrono::steady_clock;

namespace {

Json nodeJson(int i, int zones) {
    std::string name = "node-" + std::to_string(i);
    return {
        {"metadata",
         {{"name", name},
          {"labels", {{kLabelHostname, name}, {kLabelZone, "zone-" + std::to_string(i % zones)}}}}},
        {"status", {{"allocatable", {{"cpu", "4"}, {"memory", "16Gi"}, {"pods", "110"}}}}}};
}

Json podJson(int i, bool antiAffinity) {
    std::string rs = "rs-" + std::to_string(i / 100);
    Json pod = {{"metadata",
                 {{"name", "pod-" + std::to_string(i)},
                  {"namespace", "default"},
                  {"labels", {{"app", rs}}},
                  {"ownerReferences",
                   Json::array({{{"kind", "ReplicaSet"}, {"uid", rs}, {"controller", true}}})}}},
                {"spec",
                 {{"containers",
                   Json::array({{{"name", "c"},
                                 {"resources",
                                  {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}}}}})}}}};
    if (antiAffinity)
        pod["spec"]["affinity"]["podAntiAffinity"]
           ["requiredDuringSchedulingIgnoredDuringExecution"] =
               Json::array({{{"labelSelector", {{"matchLabels", {{"app", rs}}}}},
                             {"topologyKey", kLabelHostname}}});
    return pod;
}

struct ConfirmingBinder : Binder {
    ClusterCache &cache;
    explicit ConfirmingBinder(ClusterCache &c)
        : cache(c) {}
    Status bind(const PodInfo &pod, const std::string &node) override {
        auto bound = std::make_shared<PodInfo>(pod);
        bound->nodeName = node;
        cache.upsertPod(std::move(bound));
        return Status::ok();
    }
};

struct NullEvents : EventRecorder {
    void event(const PodInfo &, std::string_view, std::string_view, std::string_view) override {}
};

double ms(Steady::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

void fillNodes(ClusterCache &cache, int nodes) {
    for (int i = 0; i < nodes; ++i)
        (void)cache.upsertNode(nodeJson(i, 5));
}

void runScheduler(const char *title, int nodes, int pods, bool antiAffinity) {
    ClusterCache cache;
    SchedulingQueue queue;
    fillNodes(cache, nodes);
    for (int i = 0; i < pods; ++i)
        queue.add(*PodInfo::fromJson(podJson(i, antiAffinity)));
    ConfirmingBinder binder(cache);
    NullEvents events;
    Scheduler scheduler(cache, queue, Profile::defaultProfile(), binder, events, 1);
    std::vector<double> latencies;
    latencies.reserve(pods);
    auto start = Steady::now();
    for (;;) {
        auto before = Steady::now();
        if (!scheduler.scheduleOne(std::chrono::milliseconds(0)))
            break;
        latencies.push_back(ms(Steady::now() - before));
    }
    double total = ms(Steady::now() - start);
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        return latencies[std::min(latencies.size() - 1, size_t(p * latencies.size()))];
    };
    SchedulerStats stats = scheduler.stats();
    std::printf("%-34s nodes=%d pods=%d scheduled=%llu unschedulable=%llu  %8.0f pods/s  "
                "p50=%.3f ms p99=%.3f ms max=%.3f ms\n",
                title, nodes, pods, (unsigned long long)stats.scheduled,
                (unsigned long long)stats.unschedulable, latencies.size() / (total / 1000),
                pct(0.50), pct(0.99), latencies.back());
}

void runExplain(int nodes, int podsPerNode) {
    ClusterCache cache;
    fillNodes(cache, nodes);
    for (int i = 0; i < nodes * podsPerNode; ++i) {
        Json pod = podJson(i, i % 10 == 0);
        pod["spec"]["nodeName"] = "node-" + std::to_string(i % nodes);
        (void)cache.upsertPod(pod);
    }
    Snapshot snapshot = cache.snapshot();
    auto pod = *PodInfo::fromJson(podJson(nodes * podsPerNode, true));
    std::vector<double> times;
    size_t jsonBytes = 0;
    for (int i = 0; i < 50; ++i) {
        auto before = Steady::now();
        Explanation explanation = explain(*pod, snapshot, Profile::defaultProfile());
        jsonBytes = explanation.toJson().dump().size();
        times.push_back(ms(Steady::now() - before));
    }
    std::sort(times.begin(), times.end());
    std::printf("explain()+toJson() nodes=%d pods=%d: p50=%.2f ms max=%.2f ms (json %zu bytes)\n",
                nodes, nodes * podsPerNode, times[times.size() / 2], times.back(), jsonBytes);
}

} // namespace

int main(int argc, char **argv) {
    int nodes = argc > 1 ? std::atoi(argv[1]) : 5000;
    int scale = argc > 2 && std::strcmp(argv[2], "quick") == 0 ? 10 : 1;
    runScheduler("plain", nodes, 10000 / scale, false);
    runScheduler("plain", nodes, 50000 / scale, false);
    runScheduler("required anti-affinity (hostname)", nodes, 10000 / scale, true);
    runExplain(1000, 10);
    return 0;
}
