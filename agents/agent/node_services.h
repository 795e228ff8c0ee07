// NodeServices: what a real node (runc or docker) offers its pods beyond the runtime, and which a
// hollow node does without:
//  - volumes (emptyDir, hostPath, configMap, secret) under PODS_DIR, fed from the API;
//  - container log files under LOGS_DIR, rotated by size (kubelet's defaults: 10 MiB, 5 files);
//  - the HTTPS endpoint (port 10250) the API server proxies pods/log to, serving the node's own
//    certificate (see serving_credential.h) to clients of the cluster CA only;
//  - on the same endpoint, resource metrics (/stats/summary, /metrics) for the control plane's
//    scraper and Prometheus, sampled from cgroups and /proc (agents/metrics).
// Created before the PodManager (which mounts the volumes and names the log files); the log
// endpoint starts once the PodManager can resolve log files.
#pragma once

#include "api_client.h"
#include "logs/log_rotator.h"
#include "logs/log_server.h"
#include "metrics/node_metrics_service.h"
#include "volumes/object_source.h"
#include "volumes/volume_manager.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace cox::agent {

struct NodeServicesConfig {
    std::string podsDir; // volumes: <podsDir>/<uid>/volumes/...
    std::string logsDir; // logs: <logsDir>/<ns>_<pod>_<uid>/<container>/<n>.log
    std::string bindAddress = "0.0.0.0";
    int port = 10250; // 0: an ephemeral port (several agents on one machine, tests)
    int64_t logMaxBytes = 10 * 1024 * 1024;
    int logMaxFiles = 5;
    std::chrono::seconds volumeRefresh{60}; // how often configMap/secret files are rewritten
    std::chrono::milliseconds metricsInterval{5000}; // resource metrics sampling period
    std::string cgroupRoot = "/sys/fs/cgroup";
};

// ConfigMaps and Secrets for volumes, read through the node's API credential.
class ApiObjectSource : public volumes::ObjectSource {
public:
    explicit ApiObjectSource(ApiClient &api)
        : m_api(api) {}
    Result<Json> configMap(const std::string &ns, const std::string &name) override;
    Result<Json> secret(const std::string &ns, const std::string &name) override;

private:
    ApiClient &m_api;
};

class NodeServices {
public:
    NodeServices(NodeServicesConfig config, ApiClient &api);
    ~NodeServices();
    NodeServices(const NodeServices &) = delete;
    NodeServices &operator=(const NodeServices &) = delete;

    volumes::VolumeManager &volumes() { return m_volumes; }
    const NodeServicesConfig &config() const { return m_config; }

    // Gets (or reuses) the serving certificate for `addresses` and starts the log endpoint and
    // the rotation thread. `clientCaPem`: the cluster CA.
    Status start(const std::string &nodeName, const std::string &dataDir,
                 const std::vector<std::string> &addresses, const std::string &clientCaPem,
                 std::function<Result<logs::LogSource>(const logs::LogTarget &)> resolve);
    void stop();
    // The endpoint's port (after start).
    int port() const;

private:
    void rotationLoop();
    void startMetrics(const std::string &nodeName);

    NodeServicesConfig m_config;
    ApiClient &m_api;
    ApiObjectSource m_source;
    volumes::VolumeManager m_volumes;
    std::unique_ptr<logs::LogServer> m_logServer;
    std::unique_ptr<metrics::NodeMetricsService> m_metrics;
    std::unique_ptr<http::Server> m_server; // logs and metrics on one port
    logs::LogRotator m_rotator;
    std::atomic<bool> m_stop{false};
    std::thread m_rotation;
};

} // namespace cox::agent
