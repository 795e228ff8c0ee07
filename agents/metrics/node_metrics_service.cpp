// NodeMetricsService: sampling loop, pod list parsing and the HTTPS handlers.
#include "metrics/node_metrics_service.h"

#include "common/log.h"
#include "logs/node_endpoint_access.h"
#include "metrics/summary_format.h"

#include <algorithm>

namespace cox::agent::metrics {

namespace {
std::string stripScheme(const std::string &id) {
    size_t at = id.find("://");
    return at == std::string::npos ? id : id.substr(at + 3);
}
} // namespace

std::vector<PodRef> podRefsFromPods(const nlohmann::json &podsOrList) {
    const nlohmann::json &items = podsOrList.is_array()          ? podsOrList
                                  : podsOrList.contains("items") ? podsOrList["items"]
                                                                 : nlohmann::json::array();
    std::vector<PodRef> refs;
    for (const auto &pod : items) {
        const auto meta = pod.value("metadata", nlohmann::json::object());
        PodRef ref{meta.value("namespace", ""), meta.value("name", ""), meta.value("uid", ""), {}};
        const auto status = pod.value("status", nlohmann::json::object());
        for (const auto &cs : status.value("containerStatuses", nlohmann::json::array())) {
            bool running = cs.contains("state") && cs["state"].contains("running");
            std::string id = stripScheme(cs.value("containerID", ""));
            if (running && !id.empty())
                ref.containers.push_back({cs.value("name", ""), id});
        }
        if (!ref.containers.empty())
            refs.push_back(std::move(ref));
    }
    return refs;
}

NodeMetricsService::NodeMetricsService(std::unique_ptr<StatsCollector> collector, PodLister pods,
                                       const Clock &clock, std::chrono::milliseconds interval)
    : m_collector(std::move(collector))
    , m_pods(std::move(pods))
    , m_clock(clock)
    , m_interval(interval) {}

NodeMetricsService::~NodeMetricsService() {
    stop();
}

void NodeMetricsService::start() {
    m_thread = std::thread([this] { loop(); });
}

void NodeMetricsService::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Status NodeMetricsService::sampleOnce() {
    auto pods = m_pods ? m_pods() : Result<std::vector<PodRef>>(std::vector<PodRef>{});
    // Without the API the node keeps being sampled, with the pods it last knew of.
    if (pods)
        m_lastPods = *pods;
    auto summary = m_collector->collect(m_lastPods, m_clock.now());
    if (!summary)
        return summary.status();
    std::lock_guard lock(m_mutex);
    m_latest = std::move(*summary);
    return pods ? Status::ok() : pods.status();
}

std::optional<Summary> NodeMetricsService::latest() const {
    std::lock_guard lock(m_mutex);
    return m_latest;
}

void NodeMetricsService::loop() {
    std::string lastError;
    for (;;) {
        Status s = sampleOnce();
        // Logged once per distinct error, not every interval.
        if (!s.isOk() && s.message() != lastError) {
            COX_LOG(Warn, "metrics") << "sampling: " << s.message();
        }
        lastError = s.isOk() ? "" : s.message();
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, m_interval, [this] { return m_stop; }))
            return;
    }
}

bool NodeMetricsService::handles(const std::string &path) {
    return path == "/stats/summary" || path == "/metrics" || path == "/metrics/resource";
}

void NodeMetricsService::handle(const http::Request &request, http::ResponseSink &sink) const {
    if (Status s = logs::authorizeNodeEndpoint(request, "read metrics"); !s.isOk())
        return logs::sendStatusObject(sink, s);
    if (request.method != "GET")
        return logs::sendStatusObject(
            sink, Status(StatusCode::MethodNotAllowed, "only GET is supported"));
    auto summary = latest();
    if (!summary)
        return logs::sendStatusObject(
            sink, Status(StatusCode::Unavailable, "no metrics sample has been taken yet"));
    if (request.path == "/stats/summary")
        return sink.send(
            {200, {{"Content-Type", "application/json"}}, summaryJson(*summary).dump()});
    sink.send({200,
               {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}},
               prometheusText(*summary)});
}

} // namespace cox::agent::metrics
