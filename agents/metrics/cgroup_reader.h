// CgroupReader: CPU and memory usage of one cgroup, read from a cgroup file system root
// (/sys/fs/cgroup, or a fake tree in tests). Both layouts are understood:
//  - v1 (and hybrid, as on Debian hosts with a "unified" mount holding no controllers):
//    cpuacct.usage (ns) under cpuacct or cpu,cpuacct; memory.usage_in_bytes and
//    memory.stat total_inactive_file under memory;
//  - v2: cpu.stat usage_usec, memory.current and memory.stat inactive_file in one tree.
// The working set is usage minus inactive file cache, as kubelet and cAdvisor compute it.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cox::agent::metrics {

enum class CgroupVersion { V1, V2, None };

struct CgroupSample {
    uint64_t cpuUsageNanos = 0; // cumulative CPU time
    uint64_t memoryUsageBytes = 0;
    uint64_t memoryWorkingSetBytes = 0;
};

class CgroupReader {
public:
    explicit CgroupReader(std::string root = "/sys/fs/cgroup");

    CgroupVersion version() const { return m_version; }
    // `cgroup` is relative to the hierarchy root ("/coxswain/sb/ctr"). NotFound when the
    // cgroup does not exist (a container that just ended).
    Result<CgroupSample> read(const std::string &cgroup) const;
    // The cgroup (relative path) of a directory named `id` or ending in `id` plus a suffix like
    // ".scope", searched depth-first up to `maxDepth` levels in the CPU hierarchy.
    std::optional<std::string> findById(const std::string &id, int maxDepth = 6) const;

private:
    std::string m_root;
    CgroupVersion m_version = CgroupVersion::None;
    std::string m_cpuDir;    // hierarchy holding the CPU accounting files
    std::string m_memoryDir; // hierarchy holding the memory files
};

} // namespace cox::agent::metrics
