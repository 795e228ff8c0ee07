// StatsCollector: sampling, rates and per-pod sums.
#include "metrics/stats_collector.h"

namespace cox::agent::metrics {

StatsCollector::StatsCollector(std::string nodeName, CgroupReader cgroups, ProcReader proc)
    : m_nodeName(std::move(nodeName))
    , m_cgroups(std::move(cgroups))
    , m_proc(std::move(proc)) {}

void StatsCollector::rate(const std::string &key, Usage &usage,
                          std::map<std::string, Previous> &next) {
    next[key] = {usage.time, usage.cpuUsageNanos};
    auto it = m_previous.find(key);
    if (it == m_previous.end())
        return;
    auto elapsed =
        std::chrono::duration_cast<std::chrono::nanoseconds>(usage.time - it->second.time);
    // A counter that went back belongs to a new cgroup under the same name: start over.
    if (elapsed.count() <= 0 || usage.cpuUsageNanos < it->second.cpuUsageNanos)
        return;
    long double cores = (long double)(usage.cpuUsageNanos - it->second.cpuUsageNanos) /
                        (long double)elapsed.count();
    usage.cpuNanoCores = uint64_t(cores * 1e9L);
    usage.window = elapsed;
}

std::optional<std::string> StatsCollector::cgroupOf(const std::string &containerId) {
    auto it = m_cgroupOf.find(containerId);
    if (it != m_cgroupOf.end())
        return it->second;
    auto found = m_cgroups.findById(containerId);
    if (found)
        m_cgroupOf[containerId] = *found;
    return found;
}

Result<Summary> StatsCollector::collect(const std::vector<PodRef> &pods, WallTime now) {
    std::lock_guard lock(m_mutex);
    auto node = m_proc.read();
    if (!node)
        return node.status();
    Summary summary;
    summary.nodeName = m_nodeName;
    summary.nodeMemoryTotalBytes = node->memoryTotalBytes;
    summary.node.time = now;
    summary.node.cpuUsageNanos = node->cpuUsageNanos;
    summary.node.memoryWorkingSetBytes = node->memoryWorkingSetBytes;
    summary.node.memoryUsageBytes = node->memoryWorkingSetBytes;
    std::map<std::string, Previous> next;
    rate("node", summary.node, next);
    std::map<std::string, std::string> liveCgroups;
    for (const PodRef &pod : pods) {
        PodStats stats{pod, {}, {}};
        stats.usage.time = now;
        bool anyRate = false;
        for (const ContainerRef &c : pod.containers) {
            auto cgroup = cgroupOf(c.id);
            if (!cgroup)
                continue;
            auto sample = m_cgroups.read(*cgroup);
            if (!sample) {
                continue; // gone between listing and reading
            }
            liveCgroups[c.id] = *cgroup;
            ContainerStats cs{c.name, {}};
            cs.usage.time = now;
            cs.usage.cpuUsageNanos = sample->cpuUsageNanos;
            cs.usage.memoryWorkingSetBytes = sample->memoryWorkingSetBytes;
            cs.usage.memoryUsageBytes = sample->memoryUsageBytes;
            rate(c.id, cs.usage, next);
            stats.usage.cpuUsageNanos += cs.usage.cpuUsageNanos;
            stats.usage.memoryWorkingSetBytes += cs.usage.memoryWorkingSetBytes;
            stats.usage.memoryUsageBytes += cs.usage.memoryUsageBytes;
            if (cs.usage.cpuNanoCores) {
                anyRate = true;
                stats.usage.cpuNanoCores =
                    stats.usage.cpuNanoCores.value_or(0) + *cs.usage.cpuNanoCores;
                stats.usage.window = std::max(stats.usage.window, cs.usage.window);
            }
            stats.containers.push_back(std::move(cs));
        }
        if (!anyRate)
            stats.usage.cpuNanoCores.reset();
        if (!stats.containers.empty())
            summary.pods.push_back(std::move(stats));
    }
    // Only what was seen now is remembered: ended containers do not accumulate.
    m_previous = std::move(next);
    m_cgroupOf = std::move(liveCgroups);
    return summary;
}

} // namespace cox::agent::metrics
