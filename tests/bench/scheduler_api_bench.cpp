// bench_scheduler_api: Kubernetes scheduler_perf's SchedulingBasic / anti-affinity workloads
// through our API: N nodes created as API objects, then P pods created through
// ResourceService from several threads; the in-process scheduler (informers -> cache/queue ->
// pods/binding) binds them. Throughput is pods/s from the first create to the last binding
// persisted (seen by a watch); latency is per pod, create -> binding seen.
//
//   bench_scheduler_api [nodes=5000] [pods=10000] [anti-affinity=0|1] [store=memory://]
#include "apiserver/resource_service.h"
#include "controllers/event_recorder.h"
#include "controllers/shared_informers.h"
#include "controlplane/scheduler_runner.h"
#include "store/store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

using namespace cox;
using Steady = std::chrono::steady_clock;
using model::Json;

namespace {

const auth::UserInfo kAdmin{"bench", {"system:masters"}};

Json node(int i) {
    std::string name = "node-" + std::to_string(i);
    Json resources = {{"cpu", "4"}, {"memory", "32Gi"}, {"pods", "110"}};
    return {{"apiVersion", "v1"},
            {"kind", "Node"},
            {"metadata",
             {{"name", name},
              {"labels",
               {{"kubernetes.io/hostname", name},
                {"topology.kubernetes.io/zone", "zone-" + std::to_string(i % 3)}}}}},
            {"status",
             {{"capacity", resources},
              {"allocatable", resources},
              {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})}}}};
}

Json pod(int i, bool antiAffinity) {
    Json container = {{"name", "pause"},
                      {"image", "registry.k8s.io/pause:3.9"},
                      {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "500Mi"}}}}}};
    Json spec = {{"containers", Json::array({container})}};
    std::string group = "g" + std::to_string(i % 1000);
    if (antiAffinity)
        spec["affinity"] = {
            {"podAntiAffinity",
             {{"requiredDuringSchedulingIgnoredDuringExecution",
               Json::array({{{"labelSelector", {{"matchLabels", {{"group", group}}}}},
                             {"topologyKey", "kubernetes.io/hostname"}}})}}}};
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", "pod-" + std::to_string(i)}, {"labels", {{"group", group}}}}},
            {"spec", spec}};
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

} // namespace

int main(int argc, char **argv) {
    int nodes = argc > 1 ? std::atoi(argv[1]) : 5000;
    int pods = argc > 2 ? std::atoi(argv[2]) : 10000;
    bool anti = argc > 3 && std::atoi(argv[3]) != 0;
    std::string uri = argc > 4 ? argv[4] : "memory://";
    auto store = store::openStore(uri);
    if (!store) {
        std::fprintf(stderr, "store: %s\n", store.status().message().c_str());
        return 1;
    }
    apiserver::ResourceService api({store->get(), &SystemClock::instance()});
    apiserver::CallContext ctx{kAdmin};
    const auto &nodeType = *model::findResource("", "v1", "nodes");
    const auto &podType = *model::findResource("", "v1", "pods");
    (void)api.create(
        *model::findResource("", "v1", "namespaces"), "",
        {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "default"}}}}, ctx);
    for (int i = 0; i < nodes; ++i)
        if (auto r = api.create(nodeType, "", node(i), ctx); !r) {
            std::fprintf(stderr, "node: %s\n", r.status().message().c_str());
            return 1;
        }

    controllers::SharedInformers informers(api);
    controllers::EventRecorder events(api, "default-scheduler");
    controlplane::SchedulerRunner scheduler(api, informers, events, SystemClock::instance());
    informers.start();
    scheduler.start();

    // Watch for bindings before the first create.
    auto watch = api.watch(podType, "default", {.resourceVersion = ""}, ctx);
    std::mutex mutex;
    std::unordered_map<std::string, Steady::time_point> createdAt;
    std::vector<double> latencies;
    latencies.reserve(pods);
    std::atomic<int> bound{0};
    Steady::time_point lastBound;
    std::thread watcher([&] {
        // Bounded: ends when every pod is bound or after 10 minutes.
        auto deadline = Steady::now() + std::chrono::minutes(10);
        while (bound < pods && Steady::now() < deadline) {
            auto batch = (*watch)->next(std::chrono::milliseconds(200));
            if (!batch)
                break;
            for (const auto &event : *batch) {
                Json o = event.object();
                if (o["spec"].value("nodeName", "").empty())
                    continue;
                auto now = Steady::now();
                std::lock_guard lock(mutex);
                auto it = createdAt.find(o["metadata"].value("name", ""));
                if (it == createdAt.end())
                    continue;
                latencies.push_back(
                    std::chrono::duration<double, std::milli>(now - it->second).count());
                createdAt.erase(it);
                lastBound = now;
                ++bound;
            }
        }
    });

    auto start = Steady::now();
    const int threads = 4;
    std::vector<std::thread> creators;
    for (int t = 0; t < threads; ++t)
        creators.emplace_back([&, t] {
            for (int i = t; i < pods; i += threads) {
                Json p = pod(i, anti);
                {
                    std::lock_guard lock(mutex);
                    createdAt[p["metadata"]["name"]] = Steady::now();
                }
                if (auto r = api.create(podType, "default", std::move(p), ctx); !r)
                    std::fprintf(stderr, "pod: %s\n", r.status().message().c_str());
            }
        });
    for (auto &t : creators)
        t.join();
    auto created = Steady::now();
    watcher.join();
    scheduler.stop();
    informers.stop();

    double createSeconds = std::chrono::duration<double>(created - start).count();
    double totalSeconds = std::chrono::duration<double>(lastBound - start).count();
    std::printf("nodes=%d pods=%d antiAffinity=%d store=%s\n", nodes, pods, anti ? 1 : 0,
                uri.c_str());
    std::printf("bound %d/%d; created in %.2f s; all bound after %.2f s\n", bound.load(), pods,
                createSeconds, totalSeconds);
    std::printf("throughput %.0f pods/s (creation -> binding persisted)\n",
                bound / std::max(totalSeconds, 1e-9));
    std::printf("latency create->bound p50 %.1f ms p90 %.1f ms p99 %.1f ms\n",
                percentile(latencies, 0.5), percentile(latencies, 0.9),
                percentile(latencies, 0.99));
    return bound == pods ? 0 : 2;
}
