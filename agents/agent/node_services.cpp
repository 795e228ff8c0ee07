#include "node_services.h"

#include "common/log.h"
#include "serving_credential.h"
#include "tls/ssl_context.h"

#include <filesystem>

namespace cox::agent {

Result<Json> ApiObjectSource::configMap(const std::string &ns, const std::string &name) {
    return m_api.get("/api/v1/namespaces/" + ns + "/configmaps/" + name);
}

Result<Json> ApiObjectSource::secret(const std::string &ns, const std::string &name) {
    return m_api.get("/api/v1/namespaces/" + ns + "/secrets/" + name);
}

NodeServices::NodeServices(NodeServicesConfig config, ApiClient &api)
    : m_config(std::move(config))
    , m_api(api)
    , m_source(api)
    , m_volumes(m_config.podsDir, m_source)
    , m_rotator(m_config.logMaxBytes, m_config.logMaxFiles) {}

NodeServices::~NodeServices() {
    stop();
}

Status
NodeServices::start(const std::string &nodeName, const std::string &dataDir,
                    const std::vector<std::string> &addresses, const std::string &clientCaPem,
                    std::function<Result<logs::LogSource>(const logs::LogTarget &)> resolve) {
    std::error_code ec;
    for (const auto &dir : {m_config.podsDir, m_config.logsDir}) {
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return Status(StatusCode::Internal, "cannot create " + dir + ": " + ec.message());
    }
    auto serving = loadOrRequestServingCredential(m_api, nodeName, dataDir, addresses);
    if (!serving)
        return serving.status();
    logs::LogServerConfig lc;
    lc.bindAddress = m_config.bindAddress;
    lc.port = static_cast<uint16_t>(m_config.port);
    lc.servingCertPem = serving->certPem;
    lc.servingKeyPem = serving->keyPem;
    lc.clientCaPem = clientCaPem;
    lc.resolve = std::move(resolve);
    auto ssl = tls::makeServerContext(lc.servingCertPem, lc.servingKeyPem, lc.clientCaPem);
    if (!ssl)
        return ssl.status();
    m_logServer = std::make_unique<logs::LogServer>(std::move(lc));
    startMetrics(nodeName);
    http::ServerConfig server;
    server.bindAddress = m_config.bindAddress;
    server.port = static_cast<uint16_t>(m_config.port);
    server.sslContext = *ssl;
    server.handler = [this](const http::Request &r, http::ResponseSink &sink) {
        if (metrics::NodeMetricsService::handles(r.path))
            return m_metrics->handle(r, sink);
        m_logServer->handle(r, sink);
    };
    m_server = std::make_unique<http::Server>(std::move(server));
    if (Status s = m_server->start(); !s)
        return Status(s.code(), "starting the log endpoint on " + m_config.bindAddress + ":" +
                                    std::to_string(m_config.port) + ": " + s.message());
    COX_LOG(Info, "agent") << "log and metrics endpoint on port " << m_server->port();
    m_rotation = std::thread([this] { rotationLoop(); });
    return Status::ok();
}

void NodeServices::stop() {
    if (m_stop.exchange(true))
        return;
    if (m_server)
        m_server->stop();
    if (m_metrics)
        m_metrics->stop();
    if (m_rotation.joinable())
        m_rotation.join();
}

int NodeServices::port() const {
    return m_server ? m_server->port() : 0;
}

// The pods come from the API (this node's pods with their running containers' ids), so the
// metrics need nothing from the runtime beyond cgroup directories named after container ids.
void NodeServices::startMetrics(const std::string &nodeName) {
    metrics::PodLister pods = [this, nodeName]() -> Result<std::vector<metrics::PodRef>> {
        auto list = m_api.get("/api/v1/pods?fieldSelector=spec.nodeName%3D" + nodeName);
        if (!list)
            return list.status();
        return metrics::podRefsFromPods(*list);
    };
    auto collector = std::make_unique<metrics::StatsCollector>(
        nodeName, metrics::CgroupReader(m_config.cgroupRoot), metrics::ProcReader());
    m_metrics = std::make_unique<metrics::NodeMetricsService>(
        std::move(collector), std::move(pods), SystemClock::instance(), m_config.metricsInterval);
    m_metrics->start();
}

void NodeServices::rotationLoop() {
    // Every 10 s, in 100 ms steps so stop() is quick.
    for (int tick = 0; !m_stop; tick = (tick + 1) % 100) {
        auto rotated = tick == 0 ? m_rotator.rotateTree(m_config.logsDir) : Result<int>(0);
        if (!rotated) {
            COX_LOG(Warn, "agent") << "log rotation: " << rotated.status().message();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

} // namespace cox::agent
