// NetClusterEnv: the three-machine cluster of the networking system test. An in-process control
// plane listening on a test bridge's host address, Debian's docker-registry with the busybox
// test image (reached from the machines through a TcpForwarder, the registry itself listens on
// loopback only), and N "machines": network namespaces on the bridge, each running its own real
// coxswain-agent (runc, CNI, iptables, cluster DNS) as a child process with its own data dir.
// The destructor kills the agents, removes the sandboxes they left through the same runtime
// options, and deletes namespaces, bridge and temp dirs.
#pragma once

#include "agent/api_client.h"
#include "controlplane/control_plane.h"
#include "process.h"
#include "tcp_forwarder.h"
#include "test_network.h"
#include "test_registry.h"

#include <memory>
#include <string>
#include <vector>

namespace cox::agent::testing {

class NetClusterEnv {
public:
    explicit NetClusterEnv(int machines);
    ~NetClusterEnv();
    NetClusterEnv(const NetClusterEnv &) = delete;
    NetClusterEnv &operator=(const NetClusterEnv &) = delete;

    // Everything up and every node Ready with a pod CIDR, or why not (empty when fine).
    std::string start(std::chrono::seconds timeout);

    ApiClient &admin() { return *m_admin; }
    int machines() const { return static_cast<int>(m_machines.size()); }
    const cox::testing::TestMachine &machine(int i) const { return *m_machines.at(i); }
    std::string nodeName(int i) const;
    std::string dataDir(int i) const;
    std::string agentLog(int i) const;
    // "HOST:PORT/busybox:1" through the forwarder.
    std::string image() const;

    // Stops machine `i`'s agent with `signal` and waits for it to exit.
    void stopAgent(int i, int signal);
    // The host pid of a running container ("runc://<id>") of machine `i`; -1 if none.
    pid_t containerPid(int i, const std::string &containerId) const;

private:
    void cleanUpMachine(int i);

    std::string m_dir;
    std::unique_ptr<cox::testing::TestBridge> m_bridge;
    std::vector<std::unique_ptr<cox::testing::TestMachine>> m_machines;
    std::vector<std::unique_ptr<cox::testing::ChildProcess>> m_agents;
    std::vector<std::string> m_cidrs;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<ApiClient> m_admin;
    cox::testing::TestRegistry m_registry;
    std::unique_ptr<TcpForwarder> m_forwarder;
};

} // namespace cox::agent::testing
