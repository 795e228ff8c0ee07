// MetricsScraper: every `interval`, reads /stats/summary from the agent of every Ready node
// (its InternalIP and status.daemonEndpoints.kubeletEndpoint.Port, as pods/log uses) over TLS:
// the agent's serving certificate is checked against the cluster CA and the scraper presents
// the API server's client certificate (CN system:kube-apiserver, O system:masters). Nodes are
// scraped in parallel, a few at a time; a node that is no longer Ready is dropped from the
// store; one that fails to answer ages out of it. Nodes without a kubelet port (hollow nodes)
// are skipped.
#pragma once

#include "apiserver/pod_log_proxy.h"
#include "apiserver/resource_service.h"
#include "metrics/metrics_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace cox::metrics {

struct ScraperOptions {
    std::chrono::milliseconds interval{10'000};
    std::chrono::milliseconds timeout{5'000}; // connect and request, per node
    int parallel = 4;
};

class MetricsScraper {
public:
    MetricsScraper(apiserver::ResourceService &service,
                   apiserver::NodeCredentialsProvider credentials, MetricsStore &store,
                   ScraperOptions options = {});
    ~MetricsScraper();
    MetricsScraper(const MetricsScraper &) = delete;
    MetricsScraper &operator=(const MetricsScraper &) = delete;

    void start();
    void stop();
    // One round over all nodes now; returns how many nodes answered.
    Result<int> scrapeOnce();
    // One node's summary (exposed for tests).
    Result<NodeScrape> scrapeNode(const model::Json &node) const;

private:
    void loop();

    apiserver::ResourceService &m_service;
    apiserver::NodeCredentialsProvider m_credentials;
    MetricsStore &m_store;
    ScraperOptions m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace cox::metrics
