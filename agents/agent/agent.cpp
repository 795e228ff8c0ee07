#include "agent.h"

#include "common/log.h"
#include "node_join.h"
#include "pod_network_runtime.h"

namespace cox::agent {

void sleepUntil(WallTime until, const std::atomic<bool> &stop, const Clock &clock) {
    for (int i = 0; i < 100 && !stop && clock.now() < until; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

Result<std::unique_ptr<Agent>> Agent::start(AgentConfig config, ContainerRuntime &runtime,
                                            const Clock &clock, std::unique_ptr<Prober> prober) {
    auto credentials =
        loadOrJoin(config.serverUrl, config.joinToken, config.node.name, config.dataDir);
    if (!credentials)
        return credentials.status();
    std::unique_ptr<Agent> agent(new Agent());
    const std::string caPem = credentials->caPem;
    auto api = ApiClient::create(config.serverUrl, std::move(*credentials));
    if (!api)
        return api.status();
    agent->m_api = std::move(*api);
    agent->m_clock = &clock;
    agent->m_facts = HostFacts::probe(agent->m_api->host(), agent->m_api->port());
    ContainerRuntime *podRuntime = &runtime;
    if (config.network) {
        agent->m_network = std::make_unique<NodeNetwork>(*config.network, *agent->m_api);
        if (Status s = agent->m_network->start(); !s)
            return s;
        agent->m_networkRuntime = std::make_unique<PodNetworkRuntime>(runtime, *agent->m_network);
        podRuntime = agent->m_networkRuntime.get();
    }
    agent->m_prober = prober ? std::move(prober) : std::make_unique<NetworkProber>(*podRuntime);
    config.node.runtimeVersion = runtime.version();
    PodServices podServices;
    if (config.services) {
        agent->m_services = std::make_unique<NodeServices>(*config.services, *agent->m_api);
        podServices = {&agent->m_services->volumes(), config.services->logsDir,
                       config.services->volumeRefresh};
    }
    agent->m_pods =
        std::make_unique<PodManager>(*agent->m_api, *podRuntime, *agent->m_prober, clock,
                                     config.node.name, agent->m_facts.internalIp, podServices);
    agent->m_config = config;
    if (Status s = agent->startServices(caPem); !s)
        return s;
    if (agent->m_services)
        config.node.kubeletPort = agent->m_services->port();
    agent->m_heartbeat =
        std::make_unique<NodeHeartbeat>(*agent->m_api, config.node, agent->m_facts, clock);
    PodManager &pods = *agent->m_pods;
    NodeNetwork *network = agent->m_network.get();
    // The network learns a pod's DNS policy before its worker can create the sandbox.
    agent->m_watch =
        std::make_unique<PodWatch>(*agent->m_api, "spec.nodeName=" + config.node.name,
                                   PodWatchHandlers{[&pods, network](const std::vector<Json> &all) {
                                                        if (network)
                                                            for (const auto &p : all)
                                                                network->rememberPod(p);
                                                        pods.replaceAll(all);
                                                    },
                                                    [&pods, network](const Json &p) {
                                                        if (network)
                                                            network->rememberPod(p);
                                                        pods.upsert(p);
                                                    },
                                                    [&pods, network](const Json &p) {
                                                        pods.remove(p);
                                                        if (network)
                                                            network->forgetPod(p);
                                                    }});
    agent->m_config = std::move(config);
    Agent *self = agent.get();
    self->m_threads.emplace_back([self] { self->heartbeatLoop(); });
    self->m_watch->start();
    for (int i = 0; i < std::max(1, self->m_config.syncThreads); ++i)
        self->m_threads.emplace_back([self] { self->syncLoop(); });
    return agent;
}

Agent::~Agent() {
    stop();
}

Status Agent::startServices(const std::string &caPem) {
    if (!m_services)
        return Status::ok();
    std::vector<std::string> addresses{m_config.node.name};
    if (!m_facts.internalIp.empty())
        addresses.insert(addresses.begin(), m_facts.internalIp);
    PodManager *pods = m_pods.get();
    return m_services->start(m_config.node.name, m_config.dataDir, addresses, caPem,
                             [pods](const logs::LogTarget &t) { return pods->logSource(t); });
}

void Agent::stop() {
    if (m_stop.exchange(true))
        return;
    if (m_services)
        m_services->stop();
    if (m_pods)
        m_pods->shutdown();
    if (m_watch)
        m_watch->stop();
    for (auto &t : m_threads)
        t.join();
    m_threads.clear();
    // Rules and routes stay (see NodeNetwork): pods keep working across an agent restart.
    if (m_network)
        m_network->stop();
}

void Agent::heartbeatLoop() {
    std::string cidr;
    while (!m_stop) {
        WallTime next = m_heartbeat->tick();
        std::string now = m_heartbeat->podCidr();
        if (now != cidr && !now.empty()) {
            cidr = now;
            COX_LOG(Info, "agent") << "node " << m_config.node.name << " pod CIDR " << cidr;
            if (m_config.podCidrChanged)
                m_config.podCidrChanged(cidr);
        }
        // Until a CIDR is assigned, look again soon (the IPAM controller is quick).
        if (cidr.empty() && m_heartbeat->registered()) {
            (void)m_heartbeat->refresh();
            next = std::min(next, m_clock->now() + std::chrono::seconds(1));
        }
        sleepUntil(next, m_stop, *m_clock);
    }
}

void Agent::syncLoop() {
    while (!m_stop) {
        WallTime next;
        if (m_pods->syncOne(next))
            continue;
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - m_clock->now());
        m_pods->waitForWork(
            std::clamp(wait, std::chrono::milliseconds(10), std::chrono::milliseconds(500)));
    }
}

} // namespace cox::agent
