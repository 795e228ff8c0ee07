// NodeMetricsService: the agent's resource metrics. A thread samples the node and its pods'
// containers every `interval` (rates need two samples, so the first answer with CPU rates
// comes one interval after start) and the HTTPS endpoint serves the latest sample:
//   GET /stats/summary     kubelet's summary JSON (what the control plane scrapes)
//   GET /metrics/resource  and /metrics: Prometheus text
// Readers are authorised like the log endpoint: a cluster-CA client certificate with CN
// system:kube-apiserver or in group system:masters.
#pragma once

#include "http/request.h"
#include "metrics/stats_collector.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace cox::agent::metrics {

// The pods on this node with their running containers, from the API server's pod list.
using PodLister = std::function<Result<std::vector<PodRef>>()>;

// A v1 PodList (or array of pods) -> PodRefs with the containers whose status is running and
// whose containerID ("runc://ID", "docker://ID") is known.
std::vector<PodRef> podRefsFromPods(const nlohmann::json &podsOrList);

class NodeMetricsService {
public:
    NodeMetricsService(std::unique_ptr<StatsCollector> collector, PodLister pods,
                       const Clock &clock, std::chrono::milliseconds interval);
    ~NodeMetricsService();
    NodeMetricsService(const NodeMetricsService &) = delete;
    NodeMetricsService &operator=(const NodeMetricsService &) = delete;

    void start();
    void stop();
    // One sample now (the loop calls this; tests call it directly). A failing pod list is
    // returned, but the sample is still taken with the previous list.
    Status sampleOnce();
    std::optional<Summary> latest() const;

    // Whether `path` is one of this service's endpoints.
    static bool handles(const std::string &path);
    void handle(const http::Request &request, http::ResponseSink &sink) const;

private:
    void loop();

    std::unique_ptr<StatsCollector> m_collector;
    PodLister m_pods;
    const Clock &m_clock;
    std::chrono::milliseconds m_interval;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::optional<Summary> m_latest;
    std::vector<PodRef> m_lastPods; // only the sampling thread touches it
    std::thread m_thread;
};

} // namespace cox::agent::metrics
