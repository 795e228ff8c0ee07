// A cluster for pipeline tests: an in-process control plane listening on a test bridge's host
// address, and N "machines" (network namespaces with sshd, root key login), each with its own
// install root under one temp directory. BootstrapOptions come ready to run the real
// coxswain-agent (hollow runtime: a real Node, no containers) against the control plane.
#pragma once

#include "bootstrap/bootstrap_options.h"
#include "controlplane/control_plane.h"
#include "ssh_test_env.h"

#include <memory>
#include <mutex>
#include <vector>

namespace cox::bootstrap::testenv {

class ClusterEnv {
public:
    // `machines` sshd-serving namespaces on bridge `subnetIndex`.
    ClusterEnv(int machines, int subnetIndex);
    ~ClusterEnv();

    // Empty when the environment came up, else why not (for GTEST_SKIP or a failure).
    const std::string &problem() const { return m_problem; }

    BootstrapOptions options();
    MachineSpec machine(int i) const;
    TestSshd &sshd(int i) { return *m_sshd[static_cast<size_t>(i)]; }
    const cox::testing::TestMachine &netns(int i) const {
        return *m_machines[static_cast<size_t>(i)];
    }
    controlplane::ControlPlane &plane() { return *m_plane; }
    const std::string &dir() const { return m_dir; }
    std::string installRoot(int i) const { return m_dir + "/m" + std::to_string(i); }
    const std::string &clientKey() const { return m_key; }
    const cox::testing::TestBridge &bridge() const { return *m_bridge; }

    // Events and host-key prompts the callbacks saw (thread-safe copies).
    std::vector<ProgressEvent> events();
    std::vector<HostKeyPrompt> prompts();
    void clearRecords();
    bool confirmAnswer = true;

    // Whether the Node is Ready in the API now.
    bool nodeReady(const std::string &name);
    bool nodeExists(const std::string &name);

private:
    std::string m_problem;
    std::string m_dir, m_key;
    std::unique_ptr<cox::testing::TestBridge> m_bridge;
    std::vector<std::unique_ptr<cox::testing::TestMachine>> m_machines;
    std::vector<std::unique_ptr<TestSshd>> m_sshd;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::mutex m_mutex;
    std::vector<ProgressEvent> m_events;
    std::vector<HostKeyPrompt> m_prompts;
};

// The pid in a file, or -1.
int pidFromFile(const std::string &path);
bool processAlive(int pid);

} // namespace cox::bootstrap::testenv
