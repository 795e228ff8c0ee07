// MetricsStore: the latest resource usage of every node and pod, as scraped from the agents
// (what metrics-server keeps in memory). One scrape replaces everything known about a node;
// readers see only samples younger than maxAge, so a node that stops answering drops out.
// Also the HPA controller's PodMetricsSource.
#pragma once

#include "common/clock.h"
#include "controllers/pod_metrics_source.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cox::metrics {

struct ContainerUsage {
    std::string name;
    int64_t cpuNanoCores = 0;
    int64_t memoryBytes = 0; // working set
};

struct PodUsage {
    std::string namespaceName;
    std::string name;
    WallTime timestamp{};
    std::chrono::milliseconds window{0};
    std::vector<ContainerUsage> containers;
};

struct NodeUsage {
    std::string name;
    WallTime timestamp{};
    std::chrono::milliseconds window{0};
    int64_t cpuNanoCores = 0;
    int64_t memoryBytes = 0;
};

// What one scrape of one node yields. `node` is empty until the agent has two samples.
struct NodeScrape {
    std::optional<NodeUsage> node;
    std::vector<PodUsage> pods;
};

class MetricsStore : public controllers::PodMetricsSource {
public:
    MetricsStore(const Clock &clock, std::chrono::milliseconds maxAge);

    void replaceNode(const std::string &nodeName, NodeScrape scrape);
    void removeNode(const std::string &nodeName);

    std::optional<NodeUsage> node(const std::string &name) const;
    std::vector<NodeUsage> nodes() const;
    std::optional<PodUsage> pod(const std::string &ns, const std::string &name) const;
    // Every pod with metrics in `ns` ("" = all namespaces).
    std::vector<PodUsage> pods(const std::string &ns) const;

    std::optional<int64_t> cpuUsageMillicores(const std::string &ns,
                                              const std::string &pod) override;

private:
    struct Entry {
        WallTime scrapedAt;
        NodeScrape scrape;
    };
    bool fresh(const Entry &entry) const;

    const Clock &m_clock;
    std::chrono::milliseconds m_maxAge;
    mutable std::mutex m_mutex;
    std::map<std::string, Entry> m_nodes;
};

} // namespace cox::metrics
