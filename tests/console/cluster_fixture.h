// ClusterFixture: a real control plane in-process on 127.0.0.1:0 in a temp dir, plus a
// synchronous HTTPS client (backend/http, independent of the console's QtNetwork code) that
// tests use to create objects and to check what the console changed, and the console's main
// window on it once synced (openWindow).
#pragma once

#include "api/cluster_connection.h"
#include "controlplane/control_plane.h"
#include "http/client.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

namespace cox::console {
class BoardScene;
class MainWindow;
} // namespace cox::console

namespace cox::console::testing {

using Json = nlohmann::json;

class ClusterFixture : public ::testing::Test {
public:
    ClusterFixture(); // out of line, where MainWindow is complete
    ~ClusterFixture() override;
    void SetUp() override;
    void TearDown() override;

    // Starts (or restarts, on the same port and data) the control plane.
    void startPlane(uint16_t port = 0);
    // A test's changes to the control plane's config, applied at every start.
    virtual void configurePlane(controlplane::ControlPlaneConfig &) {}
    void stopPlane();

    ClusterConnection connection() const;
    // method + path + JSON body; returns {status, parsed body (null when not JSON)}.
    std::pair<int, Json> call(const std::string &method, const std::string &path,
                              const Json &body = nullptr,
                              const std::string &contentType = "application/json");
    Json get(const std::string &path) { return call("GET", path).second; }

    void createNode(const std::string &name, const std::string &cpu = "4",
                    const std::string &memory = "8Gi", bool ready = true);
    void createDeployment(const std::string &name, int replicas, const std::string &cpu = "100m",
                          const std::string &ns = "default");
    // Sets a pod's status as a node agent would (phase, restarts), for what the board draws.
    void setPodPhase(const std::string &ns, const std::string &name, const std::string &phase,
                     int restarts = 0);

    // m_window: a MainWindow connected to this cluster, once its session has synced and the
    // resource caches have discovered the API. `beforeConnect` adjusts the window first.
    void openWindow(const std::function<void(MainWindow *)> &beforeConnect = {});

    // Processes Qt events until `probe` holds or `timeoutMs` passes.
    static bool waitFor(const std::function<bool()> &probe, int timeoutMs = 20'000);

    std::string m_dataDir;
    uint16_t m_port = 0;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<http::Client> m_client;
    std::unique_ptr<MainWindow> m_window; // closed before the plane stops
};

// Chips of pods that are not being deleted. Without a node agent a deleted pod that was bound
// stays Terminating (no kubelet confirms the kill), as in Kubernetes.
int liveChips(const BoardScene *scene);

} // namespace cox::console::testing
