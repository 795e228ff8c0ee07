#include "hollow/hollow_fleet.h"

#include "agent/agent.h"
#include "agent/node_join.h"
#include "common/log.h"

namespace cox::agent {

Result<std::unique_ptr<HollowFleet>> HollowFleet::start(HollowFleetConfig config,
                                                        const Clock &clock) {
    std::unique_ptr<HollowFleet> fleet(new HollowFleet());
    fleet->m_clock = &clock;
    for (int i = 0; i < config.count; ++i) {
        const std::string name = config.namePrefix + "-" + std::to_string(i);
        auto credentials =
            loadOrJoin(config.serverUrl, config.joinToken, name, config.dataDir + "/" + name);
        if (!credentials)
            return Status(credentials.status().code(),
                          "hollow node " + name + ": " + credentials.status().message());
        auto api = ApiClient::create(config.serverUrl, std::move(*credentials));
        if (!api)
            return api.status();
        if (i == 0)
            fleet->m_facts = HostFacts::probe((*api)->host(), (*api)->port());
        auto node = std::make_unique<Node>();
        node->api = std::move(*api);
        node->prober = std::make_unique<HollowProber>(node->runtime);
        NodeConfig nc = config.node;
        nc.name = name;
        nc.runtimeVersion = node->runtime.version();
        node->heartbeat = std::make_unique<NodeHeartbeat>(*node->api, nc, fleet->m_facts, clock);
        node->pods = std::make_unique<PodManager>(*node->api, node->runtime, *node->prober, clock,
                                                  name, fleet->m_facts.internalIp);
        fleet->m_byName[name] = fleet->m_nodes.size();
        fleet->m_nodes.push_back(std::move(node));
    }
    fleet->m_config = std::move(config);
    HollowFleet *self = fleet.get();
    self->m_watch = std::make_unique<PodWatch>(
        *self->m_nodes.front()->api, "",
        PodWatchHandlers{[self](const std::vector<Json> &all) {
                             std::vector<std::vector<Json>> split(self->m_nodes.size());
                             for (const auto &pod : all) {
                                 auto it = self->m_byName.find(
                                     pod.value("/spec/nodeName"_json_pointer, ""));
                                 if (it != self->m_byName.end())
                                     split[it->second].push_back(pod);
                             }
                             for (size_t i = 0; i < split.size(); ++i)
                                 self->m_nodes[i]->pods->replaceAll(split[i]);
                         },
                         [self](const Json &p) {
                             if (auto *m = self->managerFor(p))
                                 m->upsert(p);
                         },
                         [self](const Json &p) {
                             if (auto *m = self->managerFor(p))
                                 m->remove(p);
                         }});
    const size_t hb = std::max(1, self->m_config.heartbeatThreads);
    for (size_t t = 0; t < hb; ++t)
        self->m_threads.emplace_back([self, t, hb] { self->heartbeatLoop(t, hb); });
    self->m_watch->start();
    const size_t sync = std::max(1, self->m_config.syncThreads);
    for (size_t t = 0; t < sync; ++t)
        self->m_threads.emplace_back([self, t, sync] { self->syncLoop(t, sync); });
    COX_LOG(Info, "hollow") << "running " << self->m_nodes.size() << " hollow nodes";
    return fleet;
}

HollowFleet::~HollowFleet() {
    stop();
}

void HollowFleet::stop() {
    if (m_stop.exchange(true))
        return;
    for (auto &n : m_nodes)
        n->pods->shutdown();
    if (m_watch)
        m_watch->stop();
    for (auto &t : m_threads)
        t.join();
    m_threads.clear();
}

PodManager *HollowFleet::managerFor(const Json &pod) {
    auto it = m_byName.find(pod.value("/spec/nodeName"_json_pointer, ""));
    return it == m_byName.end() ? nullptr : m_nodes[it->second]->pods.get();
}

void HollowFleet::heartbeatLoop(size_t first, size_t step) {
    const bool keepAlive = m_nodes.size() <= static_cast<size_t>(kKeepAliveFleetSize);
    while (!m_stop) {
        WallTime soonest = m_clock->now() + std::chrono::seconds(1);
        for (size_t i = first; i < m_nodes.size() && !m_stop; i += step) {
            Node &n = *m_nodes[i];
            if (m_clock->now() >= n.next) {
                n.next = n.heartbeat->tick();
                if (n.cidr.empty() && n.heartbeat->registered()) {
                    (void)n.heartbeat->refresh();
                    n.next = std::min(n.next, m_clock->now() + std::chrono::seconds(1));
                }
                if (std::string cidr = n.heartbeat->podCidr(); cidr != n.cidr && !cidr.empty()) {
                    n.cidr = cidr;
                    n.runtime.setPodCidr(cidr);
                }
                if (!keepAlive)
                    n.api->releaseConnections();
            }
            soonest = std::min(soonest, n.next);
        }
        sleepUntil(soonest, m_stop, *m_clock);
    }
}

void HollowFleet::syncLoop(size_t first, size_t step) {
    while (!m_stop) {
        WallTime soonest = m_clock->now() + std::chrono::milliseconds(200);
        bool worked = false;
        for (size_t i = first; i < m_nodes.size() && !m_stop; i += step) {
            WallTime next;
            while (!m_stop && m_nodes[i]->pods->syncOne(next))
                worked = true;
            soonest = std::min(soonest, next);
        }
        if (!worked)
            sleepUntil(soonest, m_stop, *m_clock);
    }
}

} // namespace cox::agent
