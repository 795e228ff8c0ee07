#include "net_cluster_env.h"

#include "agent/agent_options.h"
#include "agent/runtime_factory.h"
#include "system_env.h"
#include "test_image.h"

#include <csignal>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace cox::agent::testing {

using cox::testing::runCommand;

NetClusterEnv::NetClusterEnv(int machines) {
    m_dir = cox::testing::makeTempDir("cox-net-system");
    m_bridge = std::make_unique<cox::testing::TestBridge>(7);
    for (int i = 0; i < machines; ++i)
        m_machines.push_back(std::make_unique<cox::testing::TestMachine>(*m_bridge, 2 + i));
    m_cidrs.resize(static_cast<size_t>(machines));
}

NetClusterEnv::~NetClusterEnv() {
    for (auto &agent : m_agents)
        agent->stop(SIGKILL, std::chrono::seconds(10));
    for (int i = 0; i < machines(); ++i)
        cleanUpMachine(i);
    m_admin.reset();
    if (m_plane)
        m_plane->stop();
    m_plane.reset();
    m_forwarder.reset();
    m_machines.clear();
    m_bridge.reset();
    cox::testing::removeTree(m_dir);
}

std::string NetClusterEnv::nodeName(int i) const {
    return "net" + std::to_string(::getpid()) + "-" + std::string(1, static_cast<char>('a' + i));
}

std::string NetClusterEnv::dataDir(int i) const {
    return m_dir + "/m" + std::to_string(i);
}

std::string NetClusterEnv::agentLog(int i) const {
    return cox::testing::readFile(m_dir + "/agent-" + std::to_string(i) + ".log");
}

std::string NetClusterEnv::image() const {
    return m_bridge->hostAddress() + ":" + std::to_string(m_forwarder->port()) + "/busybox:1";
}

std::string NetClusterEnv::start(std::chrono::seconds timeout) {
    if (!m_bridge->ok())
        return "test bridge";
    for (const auto &m : m_machines)
        if (!m->ok())
            return "test machine namespace";
    controlplane::ControlPlaneConfig config;
    config.dataDir = m_dir + "/master";
    config.listenHost = m_bridge->hostAddress(); // what the machines reach
    config.listenPort = 0;
    auto plane = controlplane::ControlPlane::start(config);
    if (!plane)
        return "control plane: " + plane.status().message();
    m_plane = std::move(*plane);
    auto admin = ApiClient::create(m_plane->serverUrl(),
                                   Credentials{m_plane->caPem(), {}, {}, m_plane->adminToken()});
    if (!admin)
        return "admin client: " + admin.status().message();
    m_admin = std::move(*admin);
    if (std::string error = m_registry.start(); !error.empty())
        return "registry: " + error;
    auto busybox = cox::testing::TestImageBuilder::busybox();
    if (std::string error = cox::testing::pushImage(m_registry.url(), "busybox", "1", busybox);
        !error.empty())
        return "push: " + error;
    m_forwarder = std::make_unique<TcpForwarder>(m_bridge->hostAddress(),
                                                 std::stoi(m_registry.hostPort().substr(10)));
    if (!m_forwarder->ok())
        return "registry forwarder";
    const std::string registry =
        m_bridge->hostAddress() + ":" + std::to_string(m_forwarder->port());
    for (int i = 0; i < machines(); ++i) {
        nlohmann::json agentConfig = {{"insecureRegistries", {registry}},
                                      {"nodeStatusIntervalSeconds", 2},
                                      {"kubeletPort", 0},
                                      {"labels", {{"net-test", "yes"}}}};
        std::string configPath = m_dir + "/agent-" + std::to_string(i) + ".json";
        cox::testing::writeFile(configPath, agentConfig.dump());
        auto agent = std::make_unique<cox::testing::ChildProcess>();
        // nsenter --net, not `ip netns exec`: that one remounts /sys in a private mount
        // namespace, which hides the cgroup mounts runc needs.
        bool started = agent->start(
            {"nsenter", "--net=/run/netns/" + machine(i).netns(), "--", SystemEnv::agentBinary(),
             "--server", m_plane->serverUrl(), "--token", m_plane->joinToken(), "--node-name",
             nodeName(i), "--data-dir", dataDir(i), "--runtime", "runc", "--config", configPath},
            {}, m_dir + "/agent-" + std::to_string(i) + ".log");
        m_agents.push_back(std::move(agent));
        if (!started)
            return "could not start " + SystemEnv::agentBinary();
    }
    auto allReady = [this] {
        for (int i = 0; i < machines(); ++i) {
            auto node = m_admin->get("/api/v1/nodes/" + nodeName(i));
            if (!node)
                return false;
            m_cidrs[static_cast<size_t>(i)] = node->value("/spec/podCIDR"_json_pointer, "");
            bool ready = false;
            for (const auto &c : node->value("/status/conditions"_json_pointer, Json::array()))
                ready =
                    ready || (c.value("type", "") == "Ready" && c.value("status", "") == "True");
            if (!ready || m_cidrs[static_cast<size_t>(i)].empty())
                return false;
        }
        return true;
    };
    if (!cox::testing::waitUntil(allReady, timeout))
        return "nodes not Ready with a pod CIDR in time; agent 0 log:\n" + agentLog(0);
    return {};
}

void NetClusterEnv::stopAgent(int i, int signal) {
    m_agents.at(static_cast<size_t>(i))->stop(signal, std::chrono::seconds(20));
}

pid_t NetClusterEnv::containerPid(int i, const std::string &containerId) const {
    return cox::testing::runcContainerPid(dataDir(i) + "/runc/runc", containerId);
}

// The agent is gone: remove its sandboxes with the runtime it used (runc containers, CNI DEL,
// pinned namespaces, overlays); the machine's namespace takes its rules and routes with it.
void NetClusterEnv::cleanUpMachine(int i) {
    const std::string &cidr = m_cidrs[static_cast<size_t>(i)];
    if (cidr.empty() || ::access((dataDir(i) + "/runc").c_str(), F_OK) != 0)
        return;
    AgentOptions options;
    options.dataDir = dataDir(i);
    auto runtime = makeRuntime(options, cidr);
    if (!runtime)
        return;
    if (auto sandboxes = (*runtime)->listSandboxes()) {
        for (const auto &sandbox : *sandboxes) {
            (void)(*runtime)->stopSandbox(sandbox.id);
            (void)(*runtime)->removeSandbox(sandbox.id);
        }
    }
}

} // namespace cox::agent::testing
