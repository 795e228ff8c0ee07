// RuncRuntime: the container half — OCI bundles, the supervisor, runc lifecycle and status.
// createContainer writes the bundle and the record; startContainer launches the supervisor,
// which runs `runc run --detach` (create and start in one runc process, as containerd's CRI
// plugin also leaves runc to StartContainer).
#include "runc/container_shim.h"
#include "runc/json_file.h"
#include "runc/oci_spec.h"
#include "runc/pinned_namespaces.h"
#include "runc/runc_runtime.h"

#include "common/log.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace cox::agent::runc {
namespace {

constexpr size_t kMaxExecOutput = 64 * 1024;

std::string randomContainerId() {
    static thread_local std::mt19937_64 rng(std::random_device{}());
    std::ostringstream id;
    id << std::hex << (rng() | (1ULL << 63)) << (rng() | (1ULL << 63));
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

struct ContainerPaths {
    std::string dir;
    std::string record() const { return dir + "/container.json"; }
    std::string exitCode() const { return dir + "/exit-code"; }
    std::string lock() const { return dir + "/shim.lock"; }
    std::string pidFile() const { return dir + "/init.pid"; }
};

std::vector<std::string> oomCounterFiles(const std::string &cgroup) {
    return {"/sys/fs/cgroup/memory" + cgroup + "/memory.oom_control",
            "/sys/fs/cgroup" + cgroup + "/memory.events"};
}

} // namespace

Result<std::string> RuncRuntime::containerCgroup(const std::string &containerId) const {
    auto record = JsonFile::read(containerDir(containerId) + "/container.json");
    if (!record)
        return record.status();
    return record->value("cgroup", "");
}

Result<std::string> RuncRuntime::createContainer(const std::string &sandboxId,
                                                 const ContainerConfig &config,
                                                 const SandboxConfig &sandbox) {
    auto sandboxRecord = JsonFile::read(sandboxRecordPath(sandboxId));
    if (!sandboxRecord)
        return Status(StatusCode::NotFound, "sandbox " + sandboxId + " not found");
    if (sandboxRecord->value("state", "") != "Ready")
        return Status(StatusCode::Conflict, "sandbox " + sandboxId + " is not ready");
    std::string id = randomContainerId();
    ContainerPaths paths{containerDir(id)};
    std::error_code ec;
    fs::create_directories(paths.dir, ec);
    if (ec)
        return Status(StatusCode::Internal, "create " + paths.dir + ": " + ec.message());
    auto cleanup = [&](Status status) -> Result<std::string> {
        (void)m_options.rootfs->release(paths.dir);
        fs::remove_all(paths.dir, ec);
        return status;
    };
    auto rootfs = m_options.rootfs->prepare(config.image, paths.dir);
    if (!rootfs)
        return cleanup(rootfs.status());

    bool hostNetwork = sandboxRecord->value("hostNetwork", false);
    std::string cgroup = sandboxRecord->value("cgroupParent", "") + "/" + id;
    std::string podDir = sandboxDir(sandboxId);
    OciSpecInputs inputs{config,
                         *rootfs,
                         sandboxRecord->value("hostname", sandbox.hostname),
                         hostNetwork ? "" : netnsPath(sandboxId),
                         PinnedNamespaces::utsPath(nsDir(sandboxId)),
                         PinnedNamespaces::ipcPath(nsDir(sandboxId)),
                         cgroup,
                         podDir + "/resolv.conf",
                         podDir + "/hosts",
                         podDir + "/hostname"};
    auto spec = OciSpec::build(inputs);
    if (!spec)
        return cleanup(spec.status());
    if (auto status = JsonFile::write(paths.dir + "/config.json", *spec); !status)
        return cleanup(status);

    std::string logPath = config.logPath.empty() ? paths.dir + "/container.log" : config.logPath;
    fs::create_directories(fs::path(logPath).parent_path(), ec);
    Labels labels = config.labels;
    labels[kLabelContainerName] = config.name;
    nlohmann::json record = {
        {"id", id},
        {"sandboxId", sandboxId},
        {"name", config.name},
        {"image", rootfs->resolvedImage.empty() ? config.image : rootfs->resolvedImage},
        {"imageId", rootfs->imageId},
        {"logPath", logPath},
        {"labels", labels},
        {"cgroup", cgroup},
        {"createdAt", nowNanos()},
        {"startedAt", int64_t{0}}};
    if (auto status = JsonFile::write(paths.record(), record); !status)
        return cleanup(status);

    return id;
}

Status RuncRuntime::startContainer(const std::string &containerId) {
    auto lock = m_locks.forKey(containerId);
    std::lock_guard guard(*lock);
    ContainerPaths paths{containerDir(containerId)};
    auto record = JsonFile::read(paths.record());
    if (!record)
        return Status(StatusCode::NotFound, "container " + containerId + " not found");
    if (fs::exists(paths.lock()))
        return Status(StatusCode::Conflict, "container " + containerId + " was started already");
    // Taken before runc runs: a short-lived process can exit before runc even returns, and
    // startedAt must never come after finishedAt.
    int64_t startedAt = nowNanos();
    const std::string cgroup = record->value("cgroup", "");
    ShimSpec shim{m_options.shimPath,
                  m_options.runcPath,
                  m_options.runcRoot,
                  containerId,
                  paths.dir,
                  paths.pidFile(),
                  record->value("logPath", paths.dir + "/container.log"),
                  paths.dir + "/runc.log",
                  paths.exitCode(),
                  paths.lock(),
                  oomCounterFiles(cgroup)};
    if (auto status = ContainerShim::launch(shim, m_options.commandTimeout); !status) {
        (void)runc({"delete", "--force", containerId}, m_options.commandTimeout);
        return status;
    }
    (*record)["startedAt"] = startedAt;
    return JsonFile::write(paths.record(), *record);
}

Result<std::string> RuncRuntime::runcState(const std::string &containerId) const {
    auto run = runc({"state", containerId}, m_options.commandTimeout);
    if (!run)
        return Status(StatusCode::NotFound, run.status().message());
    auto state = nlohmann::json::parse(run->out, nullptr, false);
    if (!state.is_object())
        return Status(StatusCode::Internal, "runc state: not JSON");
    return state.value("status", "");
}

bool RuncRuntime::waitForExit(const std::string &containerId,
                              std::chrono::milliseconds timeout) const {
    ContainerPaths paths{containerDir(containerId)};
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (fs::exists(paths.exitCode()) || !ContainerShim::alive(paths.lock()))
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

Status RuncRuntime::stopContainer(const std::string &containerId, std::chrono::seconds grace) {
    auto lock = m_locks.forKey(containerId);
    std::lock_guard guard(*lock);
    ContainerPaths paths{containerDir(containerId)};
    // Never started (no supervisor, runc knows nothing) or already ended: nothing to stop.
    if (!fs::exists(paths.record()) || !fs::exists(paths.lock()) || fs::exists(paths.exitCode()))
        return Status::ok();
    auto state = runcState(containerId);
    // A created container has not run user code yet: nothing to be graceful with.
    if (state && *state == "running" && grace.count() > 0) {
        (void)runc({"kill", containerId, "TERM"}, m_options.commandTimeout);
        if (waitForExit(containerId, grace))
            return Status::ok();
    }
    if (state && *state != "stopped")
        (void)runc({"kill", "--all", containerId, "KILL"}, m_options.commandTimeout);
    if (!waitForExit(containerId, std::chrono::seconds(10)))
        return Status(StatusCode::Timeout, "container " + containerId + " did not exit");
    return Status::ok();
}

Status RuncRuntime::removeContainer(const std::string &containerId) {
    ContainerPaths paths{containerDir(containerId)};
    if (!fs::exists(paths.record()))
        return Status::ok();
    if (auto status = stopContainer(containerId, std::chrono::seconds(0)); !status)
        return status;
    auto lock = m_locks.forKey(containerId);
    std::lock_guard guard(*lock);
    if (fs::exists(paths.lock()) && runcState(containerId)) {
        if (auto run = runc({"delete", "--force", containerId}, m_options.commandTimeout); !run)
            return run.status();
    }
    if (auto status = m_options.rootfs->release(paths.dir); !status)
        return status;
    std::error_code ec;
    fs::remove_all(paths.dir, ec);
    if (ec)
        return Status(StatusCode::Internal, "remove " + paths.dir + ": " + ec.message());
    return Status::ok();
}

Result<ContainerStatus> RuncRuntime::statusFromRecord(const nlohmann::json &record) {
    ContainerStatus status;
    status.id = record.value("id", "");
    status.sandboxId = record.value("sandboxId", "");
    status.name = record.value("name", "");
    status.image = record.value("image", "");
    status.imageId = record.value("imageId", "");
    status.logPath = record.value("logPath", "");
    status.labels = record.value("labels", Labels{});
    status.createdAt = fromNanos(record.value("createdAt", int64_t{0}));
    status.startedAt = fromNanos(record.value("startedAt", int64_t{0}));
    ContainerPaths paths{containerDir(status.id)};
    auto exited = [&](const ExitRecord &exit) {
        status.state = ContainerState::Exited;
        status.exitCode = exit.exitCode;
        status.reason = exit.reason;
        status.finishedAt = exit.finishedAt;
        return status;
    };
    if (auto exit = ContainerShim::readExit(paths.exitCode()))
        return exited(*exit);
    // The shim holds its lock exactly as long as the container's process lives and writes the
    // exit code before it lets go, so a started container needs no `runc state` (a process
    // start per call: at 100 pods polled every 2 s that alone kept the CPU busy).
    if (record.value("startedAt", int64_t{0}) > 0 && ContainerShim::alive(paths.lock())) {
        status.state = ContainerState::Running;
        return status;
    }
    // No supervisor was ever launched: created, not started (runc knows nothing of it yet).
    if (!fs::exists(paths.lock())) {
        status.state = ContainerState::Created;
        return status;
    }
    auto state = runcState(status.id);
    // runc says stopped a moment before the supervisor has written the exit code.
    if (state && *state == "stopped") {
        waitForExit(status.id, std::chrono::seconds(2));
        if (auto exit = ContainerShim::readExit(paths.exitCode()))
            return exited(*exit);
    }
    if (!state) {
        status.state = ContainerState::Unknown;
        status.message = "runc does not know the container";
        return status;
    }
    if (*state == "created") {
        status.state = ContainerState::Created;
    } else if (*state == "running" || *state == "paused") {
        status.state = ContainerState::Running;
    } else {
        // Stopped with no supervisor left to tell how: report it ended, cause unknown.
        status.state = ContainerState::Exited;
        status.exitCode = 255;
        status.reason = "Unknown";
        status.message = "container supervisor is gone";
    }
    return status;
}

Result<ContainerStatus> RuncRuntime::containerStatus(const std::string &containerId) {
    auto record = JsonFile::read(containerDir(containerId) + "/container.json");
    if (!record)
        return Status(StatusCode::NotFound, "container " + containerId + " not found");
    return statusFromRecord(*record);
}

Result<std::vector<ContainerStatus>> RuncRuntime::listContainers(const std::string &sandboxId) {
    std::vector<ContainerStatus> list;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_options.stateDir + "/containers", ec)) {
        auto record = JsonFile::read(entry.path().string() + "/container.json");
        if (!record)
            continue;
        if (!sandboxId.empty() && record->value("sandboxId", "") != sandboxId)
            continue;
        auto status = statusFromRecord(*record);
        if (status)
            list.push_back(*status);
    }
    return list;
}

Result<ExecResult> RuncRuntime::execSync(const std::string &containerId,
                                         const std::vector<std::string> &command,
                                         std::chrono::seconds timeout) {
    if (command.empty())
        return Status(StatusCode::BadRequest, "exec: empty command");
    auto state = runcState(containerId);
    if (!state)
        return Status(StatusCode::NotFound, "container " + containerId + " not found");
    if (*state != "running")
        return Status(StatusCode::Conflict, "container " + containerId + " is " + *state);
    // runc exec reports the exec'd process's pid, so a timed-out probe is killed in the
    // container too instead of lingering there.
    std::string pidFile = containerDir(containerId) + "/exec-" + randomContainerId() + ".pid";
    std::vector<std::string> argv = {m_options.runcPath, "--root", m_options.runcRoot, "exec",
                                     "--pid-file",       pidFile,  containerId};
    argv.insert(argv.end(), command.begin(), command.end());
    auto run = Subprocess::run(argv, Subprocess::currentEnvironment(), "", timeout);
    if (!run && run.status().code() == StatusCode::Timeout) {
        auto pid = JsonFile::readText(pidFile);
        if (pid && std::atoi(pid->c_str()) > 0)
            ::kill(std::atoi(pid->c_str()), SIGKILL);
    }
    std::error_code ec;
    fs::remove(pidFile, ec);
    if (!run)
        return run.status();
    ExecResult result;
    result.exitCode = run->exitCode;
    result.output = run->out + run->err;
    if (result.output.size() > kMaxExecOutput)
        result.output.resize(kMaxExecOutput);
    return result;
}

} // namespace cox::agent::runc
