#include "docker/docker_mapping.h"

#include "logs/log_options.h"

#include <cctype>

namespace cox::agent::docker {
namespace {

nlohmann::json labelsJson(const Labels &labels) {
    nlohmann::json json = nlohmann::json::object();
    for (const auto &[key, value] : labels)
        json[key] = value;
    return json;
}

std::string labelOf(const Labels &labels, const char *key) {
    auto it = labels.find(key);
    return it == labels.end() ? std::string() : it->second;
}

Labels labelsFrom(const nlohmann::json &json) {
    Labels labels;
    if (!json.is_object())
        return labels;
    for (const auto &[key, value] : json.items())
        if (value.is_string())
            labels[key] = value.get<std::string>();
    return labels;
}

} // namespace

Labels DockerMapping::sandboxLabels(const SandboxConfig &config) {
    Labels labels = config.labels;
    labels[kLabelPodUid] = config.podUid;
    labels[kLabelPodName] = config.podName;
    labels[kLabelPodNamespace] = config.podNamespace;
    labels[kLabelRuntime] = "docker";
    labels[kLabelSandbox] = "true";
    labels[kLabelHostNetwork] = config.hostNetwork ? "true" : "false";
    return labels;
}

nlohmann::json DockerMapping::sandboxCreateBody(const SandboxConfig &config,
                                                const std::string &pauseImage) {
    nlohmann::json host = {{"NetworkMode", config.hostNetwork ? "host" : "none"},
                           {"IpcMode", "shareable"},
                           {"RestartPolicy", {{"Name", "no"}}},
                           {"LogConfig", {{"Type", "none"}}}};
    if (!config.cgroupParent.empty())
        host["CgroupParent"] = config.cgroupParent;
    nlohmann::json body = {{"Image", pauseImage},
                           {"Cmd", {"/pause"}},
                           {"Labels", labelsJson(sandboxLabels(config))},
                           {"HostConfig", host}};
    // Docker refuses a hostname beside NetworkMode host; the pod then has the node's.
    if (config.hostNetwork)
        return body;
    body["Hostname"] = config.hostname.empty() ? config.podName : config.hostname;
    // NetworkDisabled: runc makes the pause a fresh network namespace (lo up, nothing else)
    // and dockerd leaves it alone - no libnetwork sandbox and no libnetwork-setkey prestart hook,
    // which re-executes dockerd for every start. That hook was over half of a pause start
    // (1.6-2.0 s against 0.7 s per start, measured on this 2-core machine under load); CNI does
    // the networking anyway, and app containers still join the namespace by container:<id>.
    body["NetworkDisabled"] = true;
    return body;
}

nlohmann::json DockerMapping::containerCreateBody(const ContainerConfig &config,
                                                  const PodContext &pod) {
    std::string joined = "container:" + pod.sandboxId;
    nlohmann::json binds = nlohmann::json::array();
    for (const auto &mount : config.mounts)
        binds.push_back(mount.hostPath + ":" + mount.containerPath +
                        (mount.readOnly ? ":ro" : ":rw"));
    // The pod's DNS settings and host entries, like runc's pod files (Docker skips its own
    // /etc/resolv.conf and /etc/hosts when a bind mount takes the path).
    if (!pod.resolvConfPath.empty())
        binds.push_back(pod.resolvConfPath + ":/etc/resolv.conf:ro");
    if (!pod.hostsPath.empty())
        binds.push_back(pod.hostsPath + ":/etc/hosts:ro");
    nlohmann::json host = {{"NetworkMode", joined},
                           {"IpcMode", joined},
                           {"Binds", binds},
                           {"RestartPolicy", {{"Name", "no"}}},
                           {"LogConfig", {{"Type", "json-file"}}}};
    const ResourceLimits &r = config.resources;
    if (r.cpuShares > 0)
        host["CpuShares"] = r.cpuShares;
    if (r.cpuQuotaMicros > 0) {
        host["CpuQuota"] = r.cpuQuotaMicros;
        host["CpuPeriod"] = r.cpuPeriodMicros;
    }
    if (r.memoryLimitBytes > 0) {
        host["Memory"] = r.memoryLimitBytes;
        host["MemorySwap"] = r.memoryLimitBytes; // no swap beyond the limit, as kubelet does
    }
    if (!pod.cgroupParent.empty())
        host["CgroupParent"] = pod.cgroupParent;

    Labels labels = config.labels;
    labels[kLabelContainerName] = config.name;
    labels[kLabelSandboxId] = pod.sandboxId;
    labels[kLabelRuntime] = "docker";
    labels[kLabelLogPath] = config.logPath;
    labels[kLabelTty] = config.tty ? "true" : "false";
    nlohmann::json env = nlohmann::json::array();
    for (const auto &[name, value] : config.env)
        env.push_back(name + "=" + value);
    nlohmann::json body = {
        {"Image", config.image}, {"Env", env},         {"Labels", labelsJson(labels)},
        {"Tty", config.tty},     {"OpenStdin", false}, {"StdinOnce", config.stdinOnce},
        {"HostConfig", host}};
    // Kubernetes' command replaces the entrypoint and args the cmd; an explicit empty Cmd
    // would erase the image's, so only set what the pod says.
    if (!config.command.empty())
        body["Entrypoint"] = config.command;
    if (!config.args.empty())
        body["Cmd"] = config.args;
    else if (!config.command.empty())
        body["Cmd"] = nlohmann::json::array(); // command alone: the image's cmd must not follow
    if (!config.workingDir.empty())
        body["WorkingDir"] = config.workingDir;
    return body;
}

std::chrono::system_clock::time_point DockerMapping::parseTime(const std::string &text) {
    if (text.empty() || text.rfind("0001-", 0) == 0)
        return {};
    auto time = logs::parseRfc3339(text);
    return time ? *time : std::chrono::system_clock::time_point{};
}

ContainerStatus DockerMapping::containerStatus(const nlohmann::json &inspect) {
    ContainerStatus status;
    const nlohmann::json &config = inspect.value("Config", nlohmann::json::object());
    const nlohmann::json &state = inspect.value("State", nlohmann::json::object());
    status.id = inspect.value("Id", "");
    status.labels = labelsFrom(config.value("Labels", nlohmann::json::object()));
    status.sandboxId = labelOf(status.labels, kLabelSandboxId);
    status.name = labelOf(status.labels, kLabelContainerName);
    status.logPath = labelOf(status.labels, kLabelLogPath);
    status.image = config.value("Image", "");
    status.imageId = inspect.value("Image", "");
    status.createdAt = parseTime(inspect.value("Created", ""));
    status.startedAt = parseTime(state.value("StartedAt", ""));
    std::string docker = state.value("Status", "");
    if (docker == "created") {
        status.state = ContainerState::Created;
    } else if (docker == "running" || docker == "paused" || docker == "restarting") {
        status.state = ContainerState::Running;
    } else if (docker == "exited" || docker == "dead") {
        status.state = ContainerState::Exited;
        status.finishedAt = parseTime(state.value("FinishedAt", ""));
        // Docker stamps StartedAt when containerd's start call returns; a process that exits at
        // once can have its exit stamped earlier. A start after the finish means nothing to
        // the agent (and breaks its "ran for" arithmetic), so the start is pulled back.
        if (status.startedAt > status.finishedAt && status.finishedAt.time_since_epoch().count())
            status.startedAt = status.finishedAt;
        status.exitCode = state.value("ExitCode", 0);
        if (state.value("OOMKilled", false))
            status.reason = "OOMKilled";
        else
            status.reason = status.exitCode == 0 ? "Completed" : "Error";
    } else {
        status.state = ContainerState::Unknown;
    }
    status.message = state.value("Error", "");
    return status;
}

SandboxStatus DockerMapping::sandboxStatus(const nlohmann::json &inspect, const std::string &ip) {
    SandboxStatus status;
    const nlohmann::json &config = inspect.value("Config", nlohmann::json::object());
    const nlohmann::json &state = inspect.value("State", nlohmann::json::object());
    status.id = inspect.value("Id", "");
    status.labels = labelsFrom(config.value("Labels", nlohmann::json::object()));
    status.createdAt = parseTime(inspect.value("Created", ""));
    bool hostNetwork = labelOf(status.labels, kLabelHostNetwork) == "true";
    bool running = state.value("Running", false);
    // Ready = the pause process holds the namespaces and the pod network is attached.
    if (running && (hostNetwork || !ip.empty())) {
        status.state = SandboxState::Ready;
        status.ip = hostNetwork ? "" : ip;
    }
    return status;
}

std::string DockerMapping::containerName(const std::vector<std::string> &parts) {
    std::string name;
    for (const auto &part : parts) {
        if (!name.empty())
            name += '_';
        for (char c : part)
            name += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '-';
    }
    if (name.empty() || !std::isalnum(static_cast<unsigned char>(name.front())))
        name = "c" + name;
    return name;
}

std::string DockerMapping::imageDigest(const nlohmann::json &imageInspect) {
    for (const auto &repoDigest : imageInspect.value("RepoDigests", nlohmann::json::array())) {
        std::string text = repoDigest.is_string() ? repoDigest.get<std::string>() : "";
        if (auto at = text.find('@'); at != std::string::npos)
            return text.substr(at + 1);
    }
    return imageInspect.value("Id", "");
}

} // namespace cox::agent::docker
