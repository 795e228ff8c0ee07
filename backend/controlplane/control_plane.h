// ControlPlane: assembles everything a cluster needs into one object: data directory, PKI,
// tokens, store, API server (and, with the scheduling issue, scheduler and controllers).
// coxswain-master runs one; the console hosts one in-process; tests start one on port 0.
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "controllers/controller_manager.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace cox::controlplane {

struct ControlPlaneConfig {
    std::string dataDir = "./coxswain-data";
    std::string listenHost = "0.0.0.0";
    uint16_t listenPort = 6443; // 0 = ephemeral (tests)
    std::string storeUri;       // default: sqlite://<dataDir>/state.db
    std::string kubeconfigPath; // written on every start when set
    Clock *clock = nullptr;     // default: the system clock
    // Node lease grace, eviction toleration, pod move timeout, workers (tests shorten them).
    controllers::ControllerManagerOptions controllers;
    // How often node agents' resource metrics are scraped (metrics.k8s.io, kubectl top, HPA).
    std::chrono::milliseconds metricsScrapeInterval{10'000};
};

class ControlPlane {
public:
    // Creates or reuses the data directory and everything in it, then serves. Errors say which
    // part failed and why (e.g. a corrupt state database, a port in use).
    static Result<std::unique_ptr<ControlPlane>> start(const ControlPlaneConfig &config);
    ~ControlPlane();
    ControlPlane(const ControlPlane &) = delete;
    ControlPlane &operator=(const ControlPlane &) = delete;

    // Stops serving and closes the store. Idempotent.
    void stop();

    uint16_t port() const;
    // https://HOST:PORT as a client on this machine reaches it.
    std::string serverUrl() const;
    std::string caPem() const;
    // The admin bearer token (also in DATA_DIR/admin-token). Never log it.
    const std::string &adminToken() const;
    // The default join token "K10<CA hash>::<id>.<secret>" (also in DATA_DIR/join-token) that
    // coxswain-agent --token takes. Never log it.
    const std::string &joinToken() const;

    struct Parts;

private:
    explicit ControlPlane(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> m_parts;
};

} // namespace cox::controlplane
