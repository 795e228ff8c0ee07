// RuncRuntime: construction, shared helpers and the sandbox half (pinned namespaces + CNI).
#include "runc/runc_runtime.h"

#include "common/log.h"
#include "runc/json_file.h"
#include "runc/pinned_namespaces.h"
#include "runc/pod_masquerade.h"
#include "runtime/port_mappings_json.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <linux/magic.h>
#include <random>
#include <sstream>
#include <sys/statfs.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace cox::agent::runc {
namespace {

std::string randomId() {
    static thread_local std::mt19937_64 rng(std::random_device{}());
    std::ostringstream id;
    id << std::hex;
    for (int i = 0; i < 2; ++i)
        id << (rng() | (1ULL << 63));
    return id.str().substr(0, 32);
}

int64_t nowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::chrono::system_clock::time_point fromNanos(int64_t nanos) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(nanos)));
}

std::string findOnPath(const std::string &name) {
    if (name.find('/') != std::string::npos)
        return name;
    const char *path = ::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/sbin:/usr/bin:/sbin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        std::string candidate = dir + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    for (const char *dirName : {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
        std::string candidate = std::string(dirName) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return {};
}

// True when `path` is a pinned namespace (an nsfs bind mount), not a leftover empty file, as
// after a reboot that kept the state dir but not the mounts.
bool isPinnedNamespace(const std::string &path) {
    struct statfs info {};
    return ::statfs(path.c_str(), &info) == 0 && info.f_type == NSFS_MAGIC;
}

SandboxStatus statusOf(const nlohmann::json &record, const std::string &netnsPath) {
    SandboxStatus status;
    status.id = record.value("id", "");
    bool networkOk = record.value("hostNetwork", false) || isPinnedNamespace(netnsPath);
    status.state = record.value("state", "") == "Ready" && networkOk ? SandboxState::Ready
                                                                     : SandboxState::NotReady;
    status.ip = status.state == SandboxState::Ready ? record.value("ip", "") : "";
    status.labels = record.value("labels", Labels{});
    status.createdAt = fromNanos(record.value("createdAt", int64_t{0}));
    return status;
}

} // namespace

RuncRuntime::RuncRuntime(RuncRuntimeOptions options, std::string version)
    : m_options(std::move(options))
    , m_version(std::move(version))
    , m_cni(m_options.cni) {}

Result<std::unique_ptr<RuncRuntime>> RuncRuntime::create(RuncRuntimeOptions options) {
    if (options.stateDir.empty() || !options.rootfs)
        return Status(StatusCode::BadRequest,
                      "runc runtime needs a state dir and a rootfs provider");
    if (options.cni.podCidr.empty())
        return Status(StatusCode::BadRequest, "runc runtime needs the node's pod CIDR");
    options.runcPath = findOnPath(options.runcPath);
    if (options.runcPath.empty())
        return Status(StatusCode::Unavailable, "runc not found");
    if (options.runcRoot.empty())
        options.runcRoot = options.stateDir + "/runc";
    if (options.cni.confDir.empty())
        options.cni.confDir = options.stateDir + "/cni/conf";
    if (options.cni.ipamDataDir.empty())
        options.cni.ipamDataDir = options.stateDir + "/cni/ipam";
    options.cni.loopback = false; // PinnedNamespaces sets lo up as it makes the namespace
    std::error_code ec;
    for (const char *sub : {"sandboxes", "containers", "ns"})
        fs::create_directories(options.stateDir + "/" + sub, ec);
    fs::create_directories(options.runcRoot, ec);
    if (ec)
        return Status(StatusCode::Internal, "create " + options.stateDir + ": " + ec.message());
    auto out = Subprocess::run({options.runcPath, "--version"}, Subprocess::currentEnvironment(),
                               "", options.commandTimeout);
    if (!out || out->exitCode != 0)
        return Status(StatusCode::Unavailable, "runc --version failed");
    // "runc version 1.1.5+ds1" -> "1.1.5+ds1"
    std::istringstream firstLine(out->out.substr(0, out->out.find('\n')));
    std::string word, version;
    while (firstLine >> word)
        version = word;
    const bool masquerade = options.cni.ipMasq;
    options.cni.ipMasq = false; // one rule for the CIDR instead of the plugin's rules per pod
    if (masquerade) {
        if (Status s = PodMasquerade(options.cni.bridge, options.cni.podCidr).ensure(); !s)
            return s;
    }
    std::unique_ptr<RuncRuntime> runtime(new RuncRuntime(options, "runc://" + version));
    runtime->m_masquerade = masquerade;
    if (auto status = runtime->m_cni.writeConfig(); !status)
        return status;
    return runtime;
}

Status RuncRuntime::removeMasquerade() {
    if (!m_masquerade)
        return Status::ok();
    return PodMasquerade(m_options.cni.bridge, m_options.cni.podCidr).remove();
}

std::string RuncRuntime::version() const {
    return m_version;
}

std::string RuncRuntime::sandboxRecordPath(const std::string &id) const {
    return m_options.stateDir + "/sandboxes/" + id + ".json";
}
std::string RuncRuntime::sandboxDir(const std::string &id) const {
    return m_options.stateDir + "/sandboxes/" + id;
}
std::string RuncRuntime::nsDir(const std::string &id) const {
    return m_options.stateDir + "/ns/" + id;
}
std::string RuncRuntime::netnsPath(const std::string &sandboxId) const {
    return PinnedNamespaces::netPath(nsDir(sandboxId));
}
std::string RuncRuntime::containerDir(const std::string &containerId) const {
    return m_options.stateDir + "/containers/" + containerId;
}

Result<ProcessOutput> RuncRuntime::runc(const std::vector<std::string> &args,
                                        std::chrono::milliseconds timeout) const {
    std::vector<std::string> argv = {m_options.runcPath, "--root", m_options.runcRoot};
    argv.insert(argv.end(), args.begin(), args.end());
    auto out = Subprocess::run(argv, Subprocess::currentEnvironment(), "", timeout);
    if (!out)
        return out.status();
    if (out->exitCode != 0)
        return Status(StatusCode::Internal,
                      "runc " + args.front() + " failed: " + out->err + out->out);
    return out;
}

Status RuncRuntime::writePodFiles(const std::string &id, const SandboxConfig &config,
                                  const std::string &ip) const {
    std::string dir = sandboxDir(id);
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::string resolv;
    if (config.dnsServers.empty()) {
        auto host = JsonFile::readText("/etc/resolv.conf");
        resolv = host ? *host : "";
    } else {
        for (const auto &server : config.dnsServers)
            resolv += "nameserver " + server + "\n";
        auto join = [](const std::vector<std::string> &items) {
            std::string line;
            for (const auto &item : items)
                line += " " + item;
            return line;
        };
        if (!config.dnsSearches.empty())
            resolv += "search" + join(config.dnsSearches) + "\n";
        if (!config.dnsOptions.empty())
            resolv += "options" + join(config.dnsOptions) + "\n";
    }
    std::string hostname = config.hostname.empty() ? config.podName : config.hostname;
    std::string hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
    if (!ip.empty())
        hosts += ip + "\t" + hostname + "\n";
    for (auto [name, text] : {std::pair{"resolv.conf", resolv}, std::pair{"hosts", hosts},
                              std::pair{"hostname", hostname + "\n"}}) {
        if (auto status = JsonFile::writeText(dir + "/" + name, text); !status)
            return status;
    }
    return Status::ok();
}

Result<std::string> RuncRuntime::runSandbox(const SandboxConfig &config) {
    std::string id = randomId();
    auto lock = m_locks.forKey(id);
    std::lock_guard guard(*lock);
    std::string hostname = config.hostname.empty() ? config.podName : config.hostname;
    nlohmann::json record = {{"id", id},
                             {"podUid", config.podUid},
                             {"podName", config.podName},
                             {"podNamespace", config.podNamespace},
                             {"hostname", hostname},
                             {"labels", config.labels},
                             {"portMappings", portMappingsJson(config.portMappings)},
                             {"hostNetwork", config.hostNetwork},
                             {"cgroupParent", config.cgroupParent.empty()
                                                  ? m_options.cgroupParent + "/" + id
                                                  : config.cgroupParent},
                             {"state", "NotReady"},
                             {"networkAttached", false},
                             {"createdAt", nowNanos()}};
    record["labels"][kLabelPodUid] = config.podUid;
    record["labels"][kLabelPodName] = config.podName;
    record["labels"][kLabelPodNamespace] = config.podNamespace;
    // Recorded before anything is made, so a crash half-way leaves something to remove.
    if (auto status = JsonFile::write(sandboxRecordPath(id), record); !status)
        return status;
    Status status = PinnedNamespaces::create(nsDir(id), hostname, !config.hostNetwork);
    if (status && !config.hostNetwork) {
        auto result = m_cni.add(id, netnsPath(id), config.portMappings);
        if (result) {
            record["cniResult"] = *result;
            record["ip"] = CniNetwork::podIp(*result);
            record["networkAttached"] = true;
        } else {
            status = result.status();
        }
    }
    if (status)
        status = writePodFiles(id, config, record.value("ip", ""));
    if (status) {
        record["state"] = "Ready";
        status = JsonFile::write(sandboxRecordPath(id), record);
    }
    if (!status) {
        COX_LOG(Warn, "runc") << "sandbox " << id << " failed: " << status.message();
        (void)teardownNetwork(record);
        (void)PinnedNamespaces::remove(nsDir(id));
        fs::remove_all(sandboxDir(id));
        fs::remove(sandboxRecordPath(id));
        return status;
    }
    COX_LOG(Info, "runc") << "sandbox " << id << " ready, ip " << record.value("ip", "");
    return id;
}

Status RuncRuntime::teardownNetwork(nlohmann::json &record) {
    if (!record.value("networkAttached", false) && !record.contains("cniResult"))
        return Status::ok();
    std::string id = record["id"];
    auto status =
        m_cni.del(id, netnsPath(id), record.value("cniResult", nlohmann::json()),
                  portMappingsFromJson(record.value("portMappings", nlohmann::json::array())));
    if (status) {
        record["networkAttached"] = false;
        record.erase("cniResult");
    }
    return status;
}

Status RuncRuntime::stopSandbox(const std::string &sandboxId) {
    auto containers = listContainers(sandboxId);
    if (containers) {
        for (const auto &container : *containers)
            (void)stopContainer(container.id, std::chrono::seconds(0));
    }
    auto lock = m_locks.forKey(sandboxId);
    std::lock_guard guard(*lock);
    auto record = JsonFile::read(sandboxRecordPath(sandboxId));
    if (!record)
        return record.status().code() == StatusCode::NotFound ? Status::ok() : record.status();
    Status status = teardownNetwork(*record);
    (*record)["state"] = "NotReady";
    if (auto saved = JsonFile::write(sandboxRecordPath(sandboxId), *record); !saved)
        return saved;
    return status;
}

void RuncRuntime::removeCgroupDirs(const std::string &cgroup) const {
    std::error_code ec;
    std::vector<std::string> roots = {"/sys/fs/cgroup"};
    for (const auto &entry : fs::directory_iterator("/sys/fs/cgroup", ec)) {
        if (entry.is_directory(ec) && !entry.is_symlink(ec))
            roots.push_back(entry.path().string());
    }
    for (const auto &root : roots)
        ::rmdir((root + cgroup).c_str());
}

Status RuncRuntime::removeSandbox(const std::string &sandboxId) {
    if (auto status = stopSandbox(sandboxId); !status)
        return status;
    auto containers = listContainers(sandboxId);
    if (containers) {
        for (const auto &container : *containers) {
            if (auto status = removeContainer(container.id); !status)
                return status;
        }
    }
    auto lock = m_locks.forKey(sandboxId);
    std::lock_guard guard(*lock);
    auto record = JsonFile::read(sandboxRecordPath(sandboxId));
    if (!record)
        return record.status().code() == StatusCode::NotFound ? Status::ok() : record.status();
    if (auto status = PinnedNamespaces::remove(nsDir(sandboxId)); !status)
        return status;
    removeCgroupDirs(record->value("cgroupParent", ""));
    std::error_code ec;
    fs::remove_all(sandboxDir(sandboxId), ec);
    fs::remove(sandboxRecordPath(sandboxId), ec);
    COX_LOG(Info, "runc") << "sandbox " << sandboxId << " removed";
    return Status::ok();
}

Result<SandboxStatus> RuncRuntime::sandboxStatus(const std::string &sandboxId) {
    auto record = JsonFile::read(sandboxRecordPath(sandboxId));
    if (!record)
        return record.status();
    return statusOf(*record, netnsPath(sandboxId));
}

Result<std::vector<SandboxStatus>> RuncRuntime::listSandboxes() {
    std::vector<SandboxStatus> list;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_options.stateDir + "/sandboxes", ec)) {
        if (entry.path().extension() != ".json")
            continue;
        auto record = JsonFile::read(entry.path().string());
        if (record)
            list.push_back(statusOf(*record, netnsPath(record->value("id", ""))));
    }
    return list;
}

Result<bool> RuncRuntime::imagePresent(const std::string &image) {
    return m_options.rootfs->imagePresent(image);
}

Status RuncRuntime::pullImage(const std::string &image, const std::optional<ImageAuth> &auth) {
    return m_options.rootfs->pullImage(image, auth);
}

} // namespace cox::agent::runc
