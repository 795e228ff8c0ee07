#include "node_services.h"

#include "common/log.h"
#include "serving_credential.h"

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
    m_logServer = std::make_unique<logs::LogServer>(std::move(lc));
    if (Status s = m_logServer->start(); !s)
        return Status(s.code(), "starting the log endpoint on " + m_config.bindAddress + ":" +
                                    std::to_string(m_config.port) + ": " + s.message());
    COX_LOG(Info, "agent") << "log endpoint on port " << m_logServer->port();
    m_rotation = std::thread([this] { rotationLoop(); });
    return Status::ok();
}

void NodeServices::stop() {
    if (m_stop.exchange(true))
        return;
    if (m_logServer)
        m_logServer->stop();
    if (m_rotation.joinable())
        m_rotation.join();
}

int NodeServices::port() const {
    return m_logServer ? m_logServer->port() : 0;
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
