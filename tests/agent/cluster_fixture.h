// An in-process control plane on a loopback port (fixed, so a restart comes back on the same
// address) in a temp dir, with an admin ApiClient, for the agent's integration tests.
#pragma once

#include "agent/api_client.h"
#include "controlplane/control_plane.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace cox::agent::testing {

class ClusterFixture : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    void startPlane();
    void stopPlane();
    ApiClient &admin() { return *m_admin; }
    // Polls (every 100 ms) until `probe` holds; at most `seconds`.
    bool eventually(const std::function<bool()> &probe, int seconds = 20);
    // A Deployment of `replicas` pause pods in namespace default.
    void createDeployment(const std::string &name, int replicas);
    std::vector<Json> podsOf(const std::string &labelApp);

    std::string m_dir;
    uint16_t m_port = 0;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<ApiClient> m_admin;
    std::string m_serverUrl;
    std::string m_joinToken;
};

} // namespace cox::agent::testing
