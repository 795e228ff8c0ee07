#include "runc/oci_spec.h"

#include <algorithm>
#include <map>
#include <sys/resource.h>

namespace cox::agent::runc {
namespace {

// Docker's default capability set (moby/oci/caps/defaults.go).
const std::vector<std::string> kDefaultCaps = {
    "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
    "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
    "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
    "CAP_KILL",    "CAP_AUDIT_WRITE"};

nlohmann::json mount(const std::string &destination, const std::string &type,
                     const std::string &source, std::vector<std::string> options) {
    return {{"destination", destination}, {"type", type}, {"source", source}, {"options", options}};
}

nlohmann::json bindMount(const std::string &destination, const std::string &source, bool readOnly) {
    std::vector<std::string> options = {"rbind", "rprivate", readOnly ? "ro" : "rw"};
    return mount(destination, "bind", source, options);
}

nlohmann::json baseMounts() {
    auto mounts = nlohmann::json::array();
    mounts.push_back(mount("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}));
    mounts.push_back(
        mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}));
    mounts.push_back(
        mount("/dev/pts", "devpts", "devpts",
              {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}));
    mounts.push_back(mount("/dev/shm", "tmpfs", "shm",
                           {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}));
    mounts.push_back(mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}));
    mounts.push_back(mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}));
    mounts.push_back(mount("/sys/fs/cgroup", "cgroup", "cgroup",
                           {"nosuid", "noexec", "nodev", "relatime", "ro"}));
    return mounts;
}

nlohmann::json namespaces(const OciSpecInputs &in) {
    auto list = nlohmann::json::array({{{"type", "pid"}}, {{"type", "mount"}}});
    auto add = [&](const char *type, const std::string &path) {
        nlohmann::json entry = {{"type", type}};
        if (!path.empty())
            entry["path"] = path;
        list.push_back(entry);
    };
    add("uts", in.utsPath);
    add("ipc", in.ipcPath);
    if (!in.netnsPath.empty())
        add("network", in.netnsPath);
    return list;
}

nlohmann::json resources(const ResourceLimits &limits) {
    nlohmann::json cpu = nlohmann::json::object();
    if (limits.cpuShares > 0)
        cpu["shares"] = limits.cpuShares;
    if (limits.cpuQuotaMicros > 0) {
        cpu["quota"] = limits.cpuQuotaMicros;
        cpu["period"] = limits.cpuPeriodMicros > 0 ? limits.cpuPeriodMicros : 100'000;
    }
    nlohmann::json result = {{"devices", {{{"allow", false}, {"access", "rwm"}}}}};
    if (!cpu.empty())
        result["cpu"] = cpu;
    // swap = limit: the container cannot page out past its limit, so it is OOM-killed as in
    // Kubernetes instead of silently swapping.
    if (limits.memoryLimitBytes > 0)
        result["memory"] = {{"limit", limits.memoryLimitBytes}, {"swap", limits.memoryLimitBytes}};
    return result;
}

// The character devices every container gets (runc's default set, made by runc itself).
nlohmann::json deviceAllowList() {
    auto list = nlohmann::json::array({{{"allow", false}, {"access", "rwm"}}});
    for (auto [major, minor] : std::vector<std::pair<int, int>>{
             {1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9}, {5, 0}, {5, 2}, {136, -1}}) {
        nlohmann::json rule = {{"allow", true}, {"type", "c"}, {"major", major}, {"access", "rwm"}};
        if (minor >= 0)
            rule["minor"] = minor;
        list.push_back(rule);
    }
    return list;
}

// 1048576 like containerd, but never above the agent's own hard limit: raising it can be
// refused (EPERM in container init here, even as root), which fails every container.
int64_t openFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_max == RLIM_INFINITY)
        return 1048576;
    return std::min<int64_t>(static_cast<int64_t>(limit.rlim_max), 1048576);
}

} // namespace

Result<std::vector<std::string>> OciSpec::processArgs(const ContainerConfig &container,
                                                      const PreparedRootfs &rootfs) {
    std::vector<std::string> args;
    if (!container.command.empty()) {
        args = container.command;
        args.insert(args.end(), container.args.begin(), container.args.end());
    } else {
        args = rootfs.entrypoint;
        const auto &cmd = container.args.empty() ? rootfs.cmd : container.args;
        args.insert(args.end(), cmd.begin(), cmd.end());
    }
    if (args.empty())
        return Status(StatusCode::Invalid,
                      "container " + container.name + ": no command and the image has none");
    return args;
}

std::vector<std::string> OciSpec::processEnv(const ContainerConfig &container,
                                             const PreparedRootfs &rootfs,
                                             const std::string &hostname) {
    std::vector<std::pair<std::string, std::string>> merged = {
        {"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
        {"HOSTNAME", hostname}};
    auto set = [&](const std::string &name, const std::string &value) {
        for (auto &entry : merged) {
            if (entry.first == name) {
                entry.second = value;
                return;
            }
        }
        merged.emplace_back(name, value);
    };
    for (const auto &[name, value] : rootfs.env)
        set(name, value);
    for (const auto &[name, value] : container.env)
        set(name, value);
    std::vector<std::string> env;
    for (const auto &[name, value] : merged)
        env.push_back(name + "=" + value);
    return env;
}

Result<nlohmann::json> OciSpec::build(const OciSpecInputs &in) {
    auto args = processArgs(in.container, in.rootfs);
    if (!args)
        return args.status();
    std::string cwd = !in.container.workingDir.empty() ? in.container.workingDir
                      : !in.rootfs.workingDir.empty()  ? in.rootfs.workingDir
                                                       : "/";
    nlohmann::json caps = kDefaultCaps;
    nlohmann::json process = {
        {"terminal", false},
        {"user", {{"uid", 0}, {"gid", 0}}},
        {"args", *args},
        {"env", processEnv(in.container, in.rootfs, in.hostname)},
        {"cwd", cwd},
        {"capabilities",
         {{"bounding", caps}, {"effective", caps}, {"permitted", caps}, {"inheritable", caps}}},
        {"rlimits",
         {{{"type", "RLIMIT_NOFILE"}, {"hard", openFileLimit()}, {"soft", openFileLimit()}}}},
        {"noNewPrivileges", true}};

    auto mounts = baseMounts();
    if (!in.resolvConfPath.empty())
        mounts.push_back(bindMount("/etc/resolv.conf", in.resolvConfPath, true));
    if (!in.hostsPath.empty())
        mounts.push_back(bindMount("/etc/hosts", in.hostsPath, true));
    if (!in.hostnamePath.empty())
        mounts.push_back(bindMount("/etc/hostname", in.hostnamePath, true));
    for (const auto &m : in.container.mounts)
        mounts.push_back(bindMount(m.containerPath, m.hostPath, m.readOnly));

    auto res = resources(in.container.resources);
    res["devices"] = deviceAllowList();
    nlohmann::json linuxSection = {
        {"namespaces", namespaces(in)},
        {"cgroupsPath", in.cgroupsPath},
        {"resources", res},
        {"maskedPaths",
         {"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
          "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
          "/proc/scsi"}},
        {"readonlyPaths",
         {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}}};
    nlohmann::json spec = {
        {"ociVersion", "1.0.2"},
        {"process", process},
        {"root", {{"path", in.rootfs.rootfsPath}, {"readonly", in.rootfs.readOnly}}},
        {"mounts", mounts},
        {"linux", linuxSection}};
    // A pod-shared UTS namespace already carries the pod's hostname.
    if (in.utsPath.empty())
        spec["hostname"] = in.hostname;
    return spec;
}

} // namespace cox::agent::runc
