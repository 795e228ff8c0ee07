#include "system_env.h"

#include "agent/agent_options.h"
#include "agent/runtime_factory.h"
#include "runc/runc_runtime.h"

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace cox::agent::testing {

using cox::testing::runCommand;

std::string missingPrerequisite() {
    if (::geteuid() != 0)
        return "needs root";
    if (!runcOnPath() || runCommand({"runc", "--version"}).exitCode != 0)
        return "needs runc on PATH";
    for (const char *plugin : {"bridge", "host-local", "loopback", "portmap"}) {
        if (::access((std::string("/usr/lib/cni/") + plugin).c_str(), X_OK) != 0)
            return std::string("needs /usr/lib/cni/") + plugin + " (containernetworking-plugins)";
    }
    if (!cox::testing::TestRegistry::available())
        return "needs docker-registry";
    if (::access("/bin/busybox", X_OK) != 0)
        return "needs busybox-static";
    if (runCommand({"ip", "link", "show"}).exitCode != 0)
        return "needs iproute2";
    return {};
}

SystemEnv::SystemEnv() {
    // Bridge names are at most 15 characters; pid-based so parallel processes do not collide.
    m_bridge = "cxs" + std::to_string(::getpid() % 1000000);
    m_nodeName = "sys-node-" + std::to_string(::getpid());
}

SystemEnv::~SystemEnv() {
    m_agent.stop(SIGKILL, std::chrono::seconds(10));
    if (m_nodeNetwork)
        cox::testing::runCommand({agentBinary(), "--cleanup-network"});
    cleanUpNode();
    m_admin.reset();
    if (m_plane)
        m_plane->stop();
    m_plane.reset();
    if (!m_dir.empty())
        cox::testing::removeTree(m_dir);
}

std::string SystemEnv::start() {
    m_dir = cox::testing::makeTempDir("cox-agent-system");
    m_dataDir = m_dir + "/agent";
    if (std::string error = restartControlPlane(); !error.empty())
        return error;
    if (std::string error = m_registry.start(); !error.empty())
        return "registry: " + error;
    auto image = cox::testing::TestImageBuilder::busybox();
    if (std::string error = cox::testing::pushImage(m_registry.url(), "busybox", "1", image);
        !error.empty())
        return "push: " + error;
    return {};
}

void SystemEnv::stopControlPlane() {
    m_admin.reset();
    if (m_plane)
        m_plane->stop();
    m_plane.reset();
}

std::string SystemEnv::restartControlPlane() {
    // SQLite in the temp dir, so a restart finds every object again.
    controlplane::ControlPlaneConfig config;
    config.dataDir = m_dir + "/master";
    config.listenHost = "127.0.0.1";
    config.listenPort = m_port;
    config.kubeconfigPath = kubeconfig();
    auto plane = controlplane::ControlPlane::start(config);
    if (!plane)
        return "control plane: " + plane.status().message();
    m_plane = std::move(*plane);
    m_port = m_plane->port();
    auto admin = ApiClient::create(m_plane->serverUrl(),
                                   Credentials{m_plane->caPem(), {}, {}, m_plane->adminToken()});
    if (!admin)
        return "admin client: " + admin.status().message();
    m_admin = std::move(*admin);
    return {};
}

std::string SystemEnv::image() const {
    return m_registry.hostPort() + "/busybox:1";
}

std::string SystemEnv::agentLog() const {
    return cox::testing::readFile(m_dir + "/agent-" + std::to_string(m_agentStarts) + ".log");
}

// The agent this build made, or COX_AGENT (benchmarks measure a release build with it).
std::string SystemEnv::agentBinary() {
    const char *other = std::getenv("COX_AGENT");
    return other && *other ? other : COX_AGENT_BIN;
}

std::string SystemEnv::startReadyNode(std::chrono::seconds timeout) {
    if (std::string error = start(); !error.empty())
        return "set-up: " + error;
    if (std::string error = startAgent(); !error.empty())
        return "agent: " + error;
    if (!cox::testing::waitUntil([&] { return nodeReady() && !podCidr().empty(); }, timeout))
        return "node never became Ready:\n" + agentLog();
    return {};
}

std::string SystemEnv::startAgent() {
    nlohmann::json config = {{"bridge", m_bridge},
                             {"insecureRegistries", {m_registry.hostPort()}},
                             {"nodeStatusIntervalSeconds", 2},
                             {"kubeletAddress", "127.0.0.1"},
                             {"kubeletPort", 0},
                             {"volumeRefreshSeconds", 2}};
    for (const auto &[key, value] : m_agentConfig)
        config[key] = nlohmann::json::parse(value);
    cox::testing::writeFile(m_dir + "/agent.json", config.dump());
    ++m_agentStarts;
    std::vector<std::string> argv = {
        agentBinary(), "--server", m_plane->serverUrl(), "--token", m_plane->joinToken(),
        "--node-name", m_nodeName, "--data-dir",         m_dataDir, "--runtime",
        m_runtime,     "--config", m_dir + "/agent.json"};
    if (!m_nodeNetwork)
        argv.push_back("--no-network");
    bool started =
        m_agent.start(argv, m_agentEnv, m_dir + "/agent-" + std::to_string(m_agentStarts) + ".log");
    return started ? std::string() : "could not start " + agentBinary();
}

void SystemEnv::stopAgent(int signal) {
    m_agent.stop(signal, std::chrono::seconds(20));
}

std::string SystemEnv::podCidr() {
    auto node = m_admin->get("/api/v1/nodes/" + m_nodeName);
    if (!node)
        return {};
    std::string cidr = (*node)["spec"].value("podCIDR", "");
    if (!cidr.empty())
        m_cidr = cidr;
    return cidr;
}

bool SystemEnv::nodeReady() {
    auto node = m_admin->get("/api/v1/nodes/" + m_nodeName);
    if (!node)
        return false;
    for (const auto &c : (*node)["status"].value("conditions", Json::array()))
        if (c.value("type", "") == "Ready")
            return c.value("status", "") == "True";
    return false;
}

Result<Json> SystemEnv::pod(const std::string &name) {
    return m_admin->get("/api/v1/namespaces/default/pods/" + name);
}

std::vector<Json> SystemEnv::podsWithLabel(const std::string &app) {
    auto list = m_admin->get("/api/v1/namespaces/default/pods?labelSelector=app%3D" + app);
    if (!list || !(*list)["items"].is_array())
        return {};
    return (*list)["items"].get<std::vector<Json>>();
}

Status SystemEnv::createPod(const Json &pod) {
    auto created = m_admin->post("/api/v1/namespaces/default/pods", pod);
    return created ? Status::ok() : created.status();
}

Status SystemEnv::deletePod(const std::string &name) {
    auto deleted = m_admin->del("/api/v1/namespaces/default/pods/" + name);
    return deleted ? Status::ok() : deleted.status();
}

pid_t SystemEnv::containerPid(const std::string &containerId) const {
    return cox::testing::runcContainerPid(m_dataDir + "/runc/runc", containerId);
}

// The agent is gone; remove what it left with the runtime it used (same options), so CNI DEL
// releases the addresses and masquerade rules while the pinned namespaces still exist.
void SystemEnv::cleanUpNode() {
    if (m_dataDir.empty())
        return;
    if (m_plane && m_admin)
        (void)podCidr();
    if (!m_cidr.empty() && ::access((m_dataDir + "/runc").c_str(), F_OK) == 0) {
        AgentOptions options;
        options.dataDir = m_dataDir;
        options.bridge = m_bridge;
        options.insecureRegistries = {m_registry.hostPort()};
        options.network = m_nodeNetwork; // the same masquerade set-up as the agent had
        auto runtime = makeRuntime(options, m_cidr);
        if (runtime) {
            if (auto sandboxes = (*runtime)->listSandboxes()) {
                for (const auto &sandbox : *sandboxes) {
                    (void)(*runtime)->stopSandbox(sandbox.id);
                    (void)(*runtime)->removeSandbox(sandbox.id);
                }
            }
            if (auto *runc = dynamic_cast<runc::RuncRuntime *>(runtime->get()))
                (void)runc->removeMasquerade();
        }
    }
    runCommand({"ip", "link", "del", m_bridge});
}

bool podRunning(const Json &pod) {
    return pod["status"].value("phase", "") == "Running" && !podIp(pod).empty();
}

std::string podIp(const Json &pod) {
    return pod["status"].value("podIP", "");
}

Json firstContainerStatus(const Json &pod) {
    const Json &statuses = pod["status"].value("containerStatuses", Json::array());
    return statuses.empty() ? Json() : statuses[0];
}

bool ipInCidr(const std::string &ip, const std::string &cidr) {
    auto slash = cidr.find('/');
    if (slash == std::string::npos)
        return false;
    in_addr addr{}, net{};
    if (::inet_pton(AF_INET, ip.c_str(), &addr) != 1 ||
        ::inet_pton(AF_INET, cidr.substr(0, slash).c_str(), &net) != 1)
        return false;
    int bits = std::stoi(cidr.substr(slash + 1));
    uint32_t mask = bits == 0 ? 0 : ~uint32_t(0) << (32 - bits);
    return (ntohl(addr.s_addr) & mask) == (ntohl(net.s_addr) & mask);
}

bool processAlive(pid_t pid) {
    if (pid <= 0)
        return false;
    // A zombie still answers kill(0); /proc/<pid>/stat says "Z" for it.
    std::string stat = cox::testing::readFile("/proc/" + std::to_string(pid) + "/stat");
    if (stat.empty())
        return false;
    auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

} // namespace cox::agent::testing
