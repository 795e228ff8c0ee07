// ProcReader: /proc/stat's aggregate "cpu" line and /proc/meminfo.
#include "metrics/proc_reader.h"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace cox::agent::metrics {

ProcReader::ProcReader(std::string procRoot, long ticksPerSecond)
    : m_root(std::move(procRoot))
    , m_ticks(ticksPerSecond > 0 ? ticksPerSecond : ::sysconf(_SC_CLK_TCK)) {
    if (m_ticks <= 0)
        m_ticks = 100;
}

Result<NodeSample> ProcReader::read() const {
    NodeSample sample;
    std::ifstream stat(m_root + "/stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind("cpu ", 0) != 0)
        return Status(StatusCode::Unavailable, "no aggregate cpu line in " + m_root + "/stat");
    std::istringstream fields(line.substr(4));
    // user nice system idle iowait irq softirq steal (guest time is already in user/nice).
    uint64_t v[8] = {};
    for (int i = 0; i < 8 && fields >> v[i]; ++i) {
    }
    uint64_t busyTicks = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    sample.cpuUsageNanos = busyTicks * (1'000'000'000ULL / uint64_t(m_ticks));

    std::ifstream meminfo(m_root + "/meminfo");
    std::string key;
    uint64_t kb = 0;
    std::string unit;
    uint64_t total = 0, available = 0;
    bool haveTotal = false, haveAvailable = false;
    while (std::getline(meminfo, line)) {
        std::istringstream in(line);
        if (!(in >> key >> kb))
            continue;
        if (key == "MemTotal:")
            total = kb * 1024, haveTotal = true;
        else if (key == "MemAvailable:")
            available = kb * 1024, haveAvailable = true;
    }
    if (!haveTotal || !haveAvailable)
        return Status(StatusCode::Unavailable,
                      "MemTotal or MemAvailable missing in " + m_root + "/meminfo");
    sample.memoryTotalBytes = total;
    sample.memoryWorkingSetBytes = available < total ? total - available : 0;
    return sample;
}

} // namespace cox::agent::metrics
