// ProcReader: the node's own CPU and memory usage from /proc/stat and /proc/meminfo (or a fake
// proc root in tests). CPU is the busy time of all CPUs (user, nice, system, irq, softirq,
// steal; not idle or iowait); memory in use is MemTotal - MemAvailable.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>

namespace cox::agent::metrics {

struct NodeSample {
    uint64_t cpuUsageNanos = 0; // cumulative busy CPU time since boot
    uint64_t memoryTotalBytes = 0;
    uint64_t memoryWorkingSetBytes = 0;
};

class ProcReader {
public:
    // `ticksPerSecond` 0 = sysconf(_SC_CLK_TCK).
    explicit ProcReader(std::string procRoot = "/proc", long ticksPerSecond = 0);

    Result<NodeSample> read() const;

private:
    std::string m_root;
    long m_ticks;
};

} // namespace cox::agent::metrics
