// StatsCollector: one sample of the node and of every running container, with CPU rates from
// the previous sample (cumulative CPU time difference over wall time, as cAdvisor does). A pod's
// usage is the sum of its containers' (a runtime's pod-level cgroup may be shared, e.g. Docker's
// /docker). Containers are found in the cgroup tree by their runtime id, so the collector works
// for any runtime whose cgroup directories carry the container id (runc, Docker).
#pragma once

#include "common/clock.h"
#include "metrics/cgroup_reader.h"
#include "metrics/proc_reader.h"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cox::agent::metrics {

struct ContainerRef {
    std::string name;
    std::string id; // runtime id, without the "runc://" scheme
};

struct PodRef {
    std::string namespaceName;
    std::string name;
    std::string uid;
    std::vector<ContainerRef> containers; // running ones
};

struct Usage {
    WallTime time{};
    std::chrono::nanoseconds window{0};   // between the two samples behind cpuNanoCores
    uint64_t cpuUsageNanos = 0;           // cumulative
    std::optional<uint64_t> cpuNanoCores; // rate; nullopt on the first sample
    uint64_t memoryWorkingSetBytes = 0;
    uint64_t memoryUsageBytes = 0;
};

struct ContainerStats {
    std::string name;
    Usage usage;
};

struct PodStats {
    PodRef ref;
    Usage usage; // sum of the containers
    std::vector<ContainerStats> containers;
};

struct Summary {
    std::string nodeName;
    Usage node;
    uint64_t nodeMemoryTotalBytes = 0;
    std::vector<PodStats> pods;
};

class StatsCollector {
public:
    StatsCollector(std::string nodeName, CgroupReader cgroups, ProcReader proc);

    // Reads everything now. Containers whose cgroup cannot be found are left out (not yet
    // started, or already gone). Thread-safe.
    Result<Summary> collect(const std::vector<PodRef> &pods, WallTime now);

private:
    struct Previous {
        WallTime time;
        uint64_t cpuUsageNanos;
    };
    void rate(const std::string &key, Usage &usage, std::map<std::string, Previous> &next);
    std::optional<std::string> cgroupOf(const std::string &containerId);

    std::string m_nodeName;
    CgroupReader m_cgroups;
    ProcReader m_proc;
    std::mutex m_mutex;
    std::map<std::string, Previous> m_previous;    // "node" or container id
    std::map<std::string, std::string> m_cgroupOf; // container id -> cgroup path
};

} // namespace cox::agent::metrics
