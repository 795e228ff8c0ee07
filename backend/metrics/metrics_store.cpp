// MetricsStore: per-node entries with an age limit on reads.
#include "metrics/metrics_store.h"

namespace cox::metrics {

MetricsStore::MetricsStore(const Clock &clock, std::chrono::milliseconds maxAge)
    : m_clock(clock)
    , m_maxAge(maxAge) {}

bool MetricsStore::fresh(const Entry &entry) const {
    return m_clock.now() - entry.scrapedAt <= m_maxAge;
}

void MetricsStore::replaceNode(const std::string &nodeName, NodeScrape scrape) {
    std::lock_guard lock(m_mutex);
    m_nodes[nodeName] = {m_clock.now(), std::move(scrape)};
}

void MetricsStore::removeNode(const std::string &nodeName) {
    std::lock_guard lock(m_mutex);
    m_nodes.erase(nodeName);
}

std::optional<NodeUsage> MetricsStore::node(const std::string &name) const {
    std::lock_guard lock(m_mutex);
    auto it = m_nodes.find(name);
    if (it == m_nodes.end() || !fresh(it->second))
        return std::nullopt;
    return it->second.scrape.node;
}

std::vector<NodeUsage> MetricsStore::nodes() const {
    std::lock_guard lock(m_mutex);
    std::vector<NodeUsage> out;
    for (const auto &[name, entry] : m_nodes)
        if (fresh(entry) && entry.scrape.node)
            out.push_back(*entry.scrape.node);
    return out;
}

std::optional<PodUsage> MetricsStore::pod(const std::string &ns, const std::string &name) const {
    std::lock_guard lock(m_mutex);
    // A pod that moved may briefly appear under two nodes: the newest scrape wins.
    std::optional<PodUsage> best;
    for (const auto &[node, entry] : m_nodes) {
        if (!fresh(entry))
            continue;
        for (const PodUsage &p : entry.scrape.pods)
            if (p.namespaceName == ns && p.name == name && (!best || p.timestamp > best->timestamp))
                best = p;
    }
    return best;
}

std::vector<PodUsage> MetricsStore::pods(const std::string &ns) const {
    std::lock_guard lock(m_mutex);
    std::map<std::pair<std::string, std::string>, PodUsage> byName;
    for (const auto &[node, entry] : m_nodes) {
        if (!fresh(entry))
            continue;
        for (const PodUsage &p : entry.scrape.pods) {
            if (!ns.empty() && p.namespaceName != ns)
                continue;
            auto key = std::make_pair(p.namespaceName, p.name);
            auto it = byName.find(key);
            if (it == byName.end() || p.timestamp > it->second.timestamp)
                byName[key] = p;
        }
    }
    std::vector<PodUsage> out;
    for (auto &[key, p] : byName)
        out.push_back(std::move(p));
    return out;
}

std::optional<int64_t> MetricsStore::cpuUsageMillicores(const std::string &ns,
                                                        const std::string &pod) {
    auto usage = this->pod(ns, pod);
    if (!usage)
        return std::nullopt;
    int64_t nanoCores = 0;
    for (const ContainerUsage &c : usage->containers)
        nanoCores += c.cpuNanoCores;
    return nanoCores / 1'000'000;
}

} // namespace cox::metrics
