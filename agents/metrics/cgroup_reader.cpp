// CgroupReader: layout detection and the cgroup v1/v2 accounting files.
#include "metrics/cgroup_reader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cox::agent::metrics {

namespace fs = std::filesystem;

namespace {
bool isDir(const std::string &path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

std::optional<uint64_t> readNumber(const std::string &path) {
    std::ifstream in(path);
    uint64_t value = 0;
    if (!(in >> value))
        return std::nullopt;
    return value;
}

// "key value" lines (memory.stat, cpu.stat): the value of `key`, or nullopt.
std::optional<uint64_t> readKey(const std::string &path, const std::string &key) {
    std::ifstream in(path);
    std::string name;
    uint64_t value = 0;
    while (in >> name >> value)
        if (name == key)
            return value;
    return std::nullopt;
}

uint64_t workingSet(uint64_t usage, std::optional<uint64_t> inactiveFile) {
    uint64_t inactive = inactiveFile.value_or(0);
    return inactive < usage ? usage - inactive : 0;
}
} // namespace

CgroupReader::CgroupReader(std::string root)
    : m_root(std::move(root)) {
    // v1 wins when its controllers are mounted: in hybrid mode the unified tree has none.
    for (const char *cpu : {"/cpuacct", "/cpu,cpuacct", "/cpuacct,cpu"}) {
        if (isDir(m_root + cpu) && fs::exists(m_root + cpu + "/cpuacct.usage")) {
            m_version = CgroupVersion::V1;
            m_cpuDir = m_root + cpu;
            m_memoryDir = m_root + "/memory";
            return;
        }
    }
    if (fs::exists(m_root + "/cgroup.controllers")) {
        m_version = CgroupVersion::V2;
        m_cpuDir = m_root;
        m_memoryDir = m_root;
    }
}

Result<CgroupSample> CgroupReader::read(const std::string &cgroup) const {
    if (m_version == CgroupVersion::None)
        return Status(StatusCode::Unavailable, "no cgroup hierarchy under " + m_root);
    const std::string cpuPath = m_cpuDir + cgroup;
    if (!isDir(cpuPath))
        return Status(StatusCode::NotFound, "no cgroup " + cgroup);
    CgroupSample sample;
    if (m_version == CgroupVersion::V1) {
        auto cpu = readNumber(cpuPath + "/cpuacct.usage");
        if (!cpu)
            return Status(StatusCode::NotFound, "no cpuacct.usage for cgroup " + cgroup);
        sample.cpuUsageNanos = *cpu;
        const std::string mem = m_memoryDir + cgroup;
        sample.memoryUsageBytes = readNumber(mem + "/memory.usage_in_bytes").value_or(0);
        sample.memoryWorkingSetBytes = workingSet(
            sample.memoryUsageBytes, readKey(mem + "/memory.stat", "total_inactive_file"));
        return sample;
    }
    auto usec = readKey(cpuPath + "/cpu.stat", "usage_usec");
    if (!usec)
        return Status(StatusCode::NotFound, "no cpu.stat usage_usec for cgroup " + cgroup);
    sample.cpuUsageNanos = *usec * 1000;
    sample.memoryUsageBytes = readNumber(cpuPath + "/memory.current").value_or(0);
    sample.memoryWorkingSetBytes =
        workingSet(sample.memoryUsageBytes, readKey(cpuPath + "/memory.stat", "inactive_file"));
    return sample;
}

std::optional<std::string> CgroupReader::findById(const std::string &id, int maxDepth) const {
    if (m_version == CgroupVersion::None || id.empty())
        return std::nullopt;
    std::error_code ec;
    fs::recursive_directory_iterator it(m_cpuDir, fs::directory_options::skip_permission_denied,
                                        ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_directory(ec) || it->is_symlink(ec)) {
            it.disable_recursion_pending();
            continue;
        }
        if (it.depth() + 1 >= maxDepth)
            it.disable_recursion_pending();
        std::string name = it->path().filename().string();
        // runc: <parent>/<id>; Docker's systemd driver: docker-<id>.scope.
        size_t at = name.find(id);
        if (at == std::string::npos || (at > 0 && name[at - 1] != '-'))
            continue;
        std::string rest = name.substr(at + id.size());
        if (!rest.empty() && rest != ".scope")
            continue;
        return it->path().string().substr(m_cpuDir.size());
    }
    return std::nullopt;
}

} // namespace cox::agent::metrics
