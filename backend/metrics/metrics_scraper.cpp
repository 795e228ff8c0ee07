// MetricsScraper: node selection, the TLS request to each agent, and the scrape loop.
#include "metrics/metrics_scraper.h"

#include "auth/user.h"
#include "common/log.h"
#include "http/client.h"
#include "metrics/summary_parser.h"
#include "model/resource_type.h"

#include <future>
#include <set>

namespace cox::metrics {

using model::Json;

namespace {
bool nodeReady(const Json &node) {
    const Json status = node.value("status", Json::object());
    for (const Json &c : status.value("conditions", Json::array()))
        if (c.value("type", "") == "Ready")
            return c.value("status", "") == "True";
    return false;
}

bool hasKubeletPort(const Json &node) {
    const Json status = node.value("status", Json::object());
    if (!status.contains("daemonEndpoints") || !status["daemonEndpoints"].is_object())
        return false;
    const Json endpoint = status["daemonEndpoints"].value("kubeletEndpoint", Json::object());
    return endpoint.value("Port", int64_t(0)) > 0;
}

apiserver::CallContext internalContext() {
    apiserver::CallContext ctx;
    ctx.user = {"system:apiserver", {auth::kGroupMasters}};
    return ctx;
}
} // namespace

MetricsScraper::MetricsScraper(apiserver::ResourceService &service,
                               apiserver::NodeCredentialsProvider credentials, MetricsStore &store,
                               ScraperOptions options)
    : m_service(service)
    , m_credentials(std::move(credentials))
    , m_store(store)
    , m_options(options) {}

MetricsScraper::~MetricsScraper() {
    stop();
}

void MetricsScraper::start() {
    m_thread = std::thread([this] { loop(); });
}

void MetricsScraper::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Result<NodeScrape> MetricsScraper::scrapeNode(const Json &node) const {
    if (!m_credentials)
        return Status(StatusCode::Unavailable, "no client credentials for node agents");
    auto creds = m_credentials();
    if (!creds)
        return creds.status();
    http::ClientConfig config;
    if (Status s = apiserver::PodLogProxy::nodeEndpoint(node, config.host, config.port); !s)
        return s;
    config.caPem = creds->caPem;
    config.clientCertPem = creds->clientCertPem;
    config.clientKeyPem = creds->clientKeyPem;
    config.connectTimeout = m_options.timeout;
    config.requestTimeout = m_options.timeout;
    auto client = http::Client::create(std::move(config));
    if (!client)
        return client.status();
    auto response = client->request("GET", "/stats/summary");
    if (!response)
        return response.status();
    if (response->status != 200)
        return Status(StatusCode::Unavailable, "the agent answered " +
                                                   std::to_string(response->status) + ": " +
                                                   response->body.substr(0, 200));
    Json summary = Json::parse(response->body, nullptr, false);
    if (summary.is_discarded())
        return Status(StatusCode::Unavailable, "the agent's summary is not JSON");
    return parseSummary(summary);
}

Result<int> MetricsScraper::scrapeOnce() {
    const auto *nodeType = model::findResource("", "v1", "nodes");
    auto list = m_service.list(*nodeType, "", {}, internalContext());
    if (!list)
        return list.status();
    std::vector<Json> targets;
    std::set<std::string> scraped;
    for (const Json &node : list->value("items", Json::array())) {
        std::string name = node["metadata"].value("name", "");
        if (nodeReady(node) && hasKubeletPort(node))
            targets.push_back(node);
        else
            m_store.removeNode(name);
    }
    int answered = 0;
    // A few nodes at a time: a slow agent delays its batch, not the whole round.
    for (size_t first = 0; first < targets.size(); first += size_t(m_options.parallel)) {
        size_t last = std::min(targets.size(), first + size_t(m_options.parallel));
        std::vector<std::future<Result<NodeScrape>>> batch;
        for (size_t i = first; i < last; ++i)
            batch.push_back(std::async(std::launch::async,
                                       [this, &targets, i] { return scrapeNode(targets[i]); }));
        for (size_t i = first; i < last; ++i) {
            std::string name = targets[i]["metadata"].value("name", "");
            auto result = batch[i - first].get();
            if (!result) {
                COX_LOG(Debug, "metrics")
                    << "scraping node " << name << ": " << result.status().message();
                continue; // the last answer ages out of the store
            }
            m_store.replaceNode(name, std::move(*result));
            ++answered;
        }
    }
    return answered;
}

void MetricsScraper::loop() {
    for (;;) {
        auto round = scrapeOnce();
        if (!round) {
            COX_LOG(Warn, "metrics") << "scrape round: " << round.status().message();
        }
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, m_options.interval, [this] { return m_stop; }))
            return;
    }
}

} // namespace cox::metrics
