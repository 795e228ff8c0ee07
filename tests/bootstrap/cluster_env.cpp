#include "cluster_env.h"

#include "bootstrap/cluster_api.h"

#include <csignal>
#include <filesystem>

namespace cox::bootstrap::testenv {
using namespace std::chrono_literals;

ClusterEnv::ClusterEnv(int machines, int subnetIndex) {
    if (m_problem = missingPrerequisite(); !m_problem.empty())
        return;
    m_dir = cox::testing::makeTempDir("cox-boot");
    m_key = m_dir + "/id_ed25519";
    const std::string pub = makeClientKey(m_key);
    m_bridge = std::make_unique<cox::testing::TestBridge>(subnetIndex);
    if (!m_bridge->ok()) {
        m_problem = "cannot create the test bridge";
        return;
    }
    for (int i = 0; i < machines; ++i) {
        m_machines.push_back(std::make_unique<cox::testing::TestMachine>(*m_bridge, 10 + i));
        m_sshd.push_back(
            std::make_unique<TestSshd>(*m_machines.back(), m_dir + "/sshd" + std::to_string(i)));
        cox::testing::writeFile(m_sshd.back()->authorizedKeys(), pub);
        if (!m_machines.back()->ok() || !m_sshd.back()->start()) {
            m_problem = "cannot start machine " + std::to_string(i);
            return;
        }
    }
    controlplane::ControlPlaneConfig config;
    config.dataDir = m_dir + "/master";
    config.listenHost = m_bridge->hostAddress(); // the address the machines reach
    config.listenPort = 0;
    config.storeUri = "memory://";
    auto plane = controlplane::ControlPlane::start(config);
    if (!plane) {
        m_problem = "control plane: " + plane.status().message();
        return;
    }
    m_plane = std::move(*plane);
}

ClusterEnv::~ClusterEnv() {
    for (auto &m : m_machines)
        killNamespaceProcesses(*m); // agents and supervisors the pipeline left running
    m_sshd.clear();
    m_machines.clear();
    if (m_plane)
        m_plane->stop();
    m_bridge.reset();
    if (!m_dir.empty())
        cox::testing::removeTree(m_dir);
}

BootstrapOptions ClusterEnv::options() {
    BootstrapOptions o;
    o.knownHostsPath = m_dir + "/known_hosts";
    o.cluster.serverUrl = m_plane->serverUrl();
    o.cluster.caPem = m_plane->caPem();
    o.cluster.adminToken = m_plane->adminToken();
    o.cluster.joinToken = m_plane->joinToken();
    o.apiPort = m_plane->port();
    o.agentBinary = COX_AGENT_BIN;
    o.runtime = "hollow";
    o.connectTimeout = 5s;
    o.readyTimeout = 60s;
    o.drainTimeout = 30s;
    o.progress = [this](const ProgressEvent &e) {
        std::lock_guard lock(m_mutex);
        m_events.push_back(e);
    };
    o.confirmHostKey = [this](const HostKeyPrompt &p) {
        std::lock_guard lock(m_mutex);
        m_prompts.push_back(p);
        return confirmAnswer;
    };
    return o;
}

MachineSpec ClusterEnv::machine(int i) const {
    MachineSpec m;
    m.host = m_machines[static_cast<size_t>(i)]->address();
    m.nodeName = "node-" + std::to_string(i);
    m.credentials.user = "root";
    m.credentials.keyFile = m_key;
    m.layout = InstallLayout::underRoot(installRoot(i));
    return m;
}

std::vector<ProgressEvent> ClusterEnv::events() {
    std::lock_guard lock(m_mutex);
    return m_events;
}

std::vector<HostKeyPrompt> ClusterEnv::prompts() {
    std::lock_guard lock(m_mutex);
    return m_prompts;
}

void ClusterEnv::clearRecords() {
    std::lock_guard lock(m_mutex);
    m_events.clear();
    m_prompts.clear();
}

bool ClusterEnv::nodeReady(const std::string &name) {
    ClusterAccess access{m_plane->serverUrl(), m_plane->caPem(), m_plane->adminToken(), {}};
    auto api = ClusterApi::connect(access, access.serverUrl);
    if (!api)
        return false;
    auto r = (*api)->nodeReadiness(name);
    return r && r->ready;
}

bool ClusterEnv::nodeExists(const std::string &name) {
    ClusterAccess access{m_plane->serverUrl(), m_plane->caPem(), m_plane->adminToken(), {}};
    auto api = ClusterApi::connect(access, access.serverUrl);
    auto r = api ? (*api)->nodeReadiness(name) : Result<NodeReadiness>(StatusCode::Internal, "x");
    return r && r->exists;
}

int pidFromFile(const std::string &path) {
    try {
        return std::stoi(cox::testing::readFile(path));
    } catch (...) {
        return -1;
    }
}

bool processAlive(int pid) {
    if (pid <= 0 || ::kill(pid, 0) != 0)
        return false;
    // A zombie (exited, not yet reaped) is not alive: "pid (comm) Z ...".
    const std::string stat = cox::testing::readFile("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

} // namespace cox::bootstrap::testenv
