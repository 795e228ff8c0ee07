// DockerRuntime: the container half - create/start/stop/remove, status, exec and the log
// followers.
#include "docker/docker_log_stream.h"
#include "docker/docker_mapping.h"
#include "docker/docker_runtime.h"
#include "docker/step_trace.h"
#include "runc/json_file.h"

#include "common/log.h"

#include <csignal>
#include <filesystem>

namespace cox::agent::docker {
namespace {

constexpr size_t kMaxExecOutput = 64 * 1024;

std::string labelOf(const Labels &labels, const char *key) {
    auto it = labels.find(key);
    return it == labels.end() ? std::string() : it->second;
}

} // namespace

Result<std::string> DockerRuntime::createContainer(const std::string &sandboxId,
                                                   const ContainerConfig &config,
                                                   const SandboxConfig &sandbox) {
    // The sandbox record, not an inspect: one daemon call less per container, and Docker
    // itself refuses to join the namespaces of a pause that is not running.
    StepTrace trace(m_client->tracing(), "create " + sandbox.podName + "/" + config.name);
    auto record = runc::JsonFile::read(recordPath(sandboxId));
    if (!record)
        return Status(StatusCode::NotFound, "sandbox " + sandboxId + " not found");
    PodContext pod;
    pod.sandboxId = sandboxId;
    pod.hostNetwork = record->value("hostNetwork", false);
    if (!pod.hostNetwork && record->value("ip", "").empty())
        return Status(StatusCode::Conflict, "sandbox " + sandboxId + " is not ready");
    pod.cgroupParent = sandbox.cgroupParent;
    // hostNetwork pods see the node's files, as on runc.
    if (!pod.hostNetwork) {
        pod.resolvConfPath = podDir(sandboxId) + "/resolv.conf";
        pod.hostsPath = podDir(sandboxId) + "/hosts";
    }
    std::string name = DockerMapping::containerName(
        {"cox", sandbox.podNamespace, sandbox.podName, config.name,
         labelOf(config.labels, kLabelRestartCount), sandboxId.substr(0, 8)});
    auto created = m_client->post("/containers/create?name=" + name,
                                  DockerMapping::containerCreateBody(config, pod));
    // A name taken by a container the agent never saw (it crashed between create and record):
    // that one is an orphan of this very pod, so it goes and the create is retried once.
    if (!created && created.status().code() == StatusCode::Conflict) {
        (void)m_client->remove("/containers/" + name + "?force=1");
        created = m_client->post("/containers/create?name=" + name,
                                 DockerMapping::containerCreateBody(config, pod));
    }
    if (!created)
        return created.status();
    std::string id = created->value("Id", "");
    if (!config.logPath.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(config.logPath).parent_path(),
                                            ec);
    }
    std::lock_guard guard(m_createdMutex);
    m_created[id] = {config.logPath, config.tty};
    return id;
}

Status DockerRuntime::startContainer(const std::string &containerId) {
    StepTrace trace(m_client->tracing(), "start " + containerId.substr(0, 12));
    auto started = m_client->post("/containers/" + containerId + "/start");
    trace.mark("start");
    if (!started)
        return started.status();
    std::optional<CreatedContainer> created;
    {
        std::lock_guard guard(m_createdMutex);
        if (auto it = m_created.find(containerId); it != m_created.end()) {
            created = it->second;
            m_created.erase(it);
        }
    }
    // Created by an earlier agent: the labels say where its log goes.
    if (!created) {
        auto inspect = m_client->get("/containers/" + containerId + "/json");
        if (!inspect)
            return Status::ok(); // it runs; its log follows on the next adoption
        Labels labels = DockerMapping::containerStatus(*inspect).labels;
        created =
            CreatedContainer{labelOf(labels, kLabelLogPath), labelOf(labels, kLabelTty) == "true"};
    }
    m_logs.follow(containerId, created->logPath, created->tty);
    return Status::ok();
}

Status DockerRuntime::stopContainer(const std::string &containerId, std::chrono::seconds grace) {
    // Docker sends the stop signal (SIGTERM), waits `t` seconds, then SIGKILL, and answers once
    // the process is gone; 304 = it was not running.
    DockerRequest request;
    request.method = "POST";
    request.path = "/containers/" + containerId + "/stop?t=" + std::to_string(grace.count());
    request.timeout = grace + std::chrono::seconds(60);
    auto stopped = m_client->send(request);
    if (!stopped)
        return stopped.status();
    if (stopped->status == 204 || stopped->status == 304 || stopped->status == 404)
        return Status::ok();
    return DockerClient::errorFor(stopped->status, stopped->body);
}

Status DockerRuntime::removeContainer(const std::string &containerId) {
    Status status = m_client->remove("/containers/" + containerId + "?force=1&v=1");
    m_logs.stop(containerId);
    {
        std::lock_guard guard(m_createdMutex);
        m_created.erase(containerId);
    }
    if (!status && status.code() != StatusCode::NotFound)
        return status;
    return Status::ok();
}

std::string DockerRuntime::imageDigest(const std::string &imageId) {
    {
        std::lock_guard guard(m_digestMutex);
        if (auto it = m_digests.find(imageId); it != m_digests.end())
            return it->second;
    }
    auto inspect = m_client->get("/images/" + imageId + "/json");
    if (!inspect)
        return imageId;
    std::string digest = DockerMapping::imageDigest(*inspect);
    std::lock_guard guard(m_digestMutex);
    m_digests[imageId] = digest;
    return digest;
}

Result<ContainerStatus> DockerRuntime::containerStatus(const std::string &containerId) {
    auto inspect = m_client->get("/containers/" + containerId + "/json");
    if (!inspect)
        return inspect.status();
    ContainerStatus status = DockerMapping::containerStatus(*inspect);
    if (!status.imageId.empty())
        status.imageId = imageDigest(status.imageId);
    return status;
}

Result<std::vector<ContainerStatus>> DockerRuntime::listContainers(const std::string &sandboxId) {
    auto ids = listIds(sandboxId.empty() ? std::string(kLabelSandboxId)
                                         : std::string(kLabelSandboxId) + "=" + sandboxId);
    if (!ids)
        return ids.status();
    std::vector<ContainerStatus> list;
    for (const auto &id : *ids) {
        // A container removed between list and inspect is simply no longer there.
        if (auto status = containerStatus(id))
            list.push_back(std::move(*status));
    }
    return list;
}

void DockerRuntime::resumeLogFollowers() {
    auto containers = listContainers();
    if (!containers)
        return;
    for (const auto &container : *containers) {
        if (container.state == ContainerState::Created)
            continue;
        m_logs.follow(container.id, container.logPath,
                      labelOf(container.labels, kLabelTty) == "true");
    }
}

Result<ExecResult> DockerRuntime::execSync(const std::string &containerId,
                                           const std::vector<std::string> &command,
                                           std::chrono::seconds timeout) {
    if (command.empty())
        return Status(StatusCode::BadRequest, "exec: empty command");
    auto exec = m_client->post("/containers/" + containerId + "/exec",
                               {{"AttachStdout", true}, {"AttachStderr", true}, {"Cmd", command}});
    if (!exec)
        return exec.status();
    std::string execId = exec->value("Id", "");
    DockerRequest start;
    start.method = "POST";
    start.path = "/exec/" + execId + "/start";
    start.body = nlohmann::json({{"Detach", false}, {"Tty", false}}).dump();
    start.timeout = timeout;
    auto stream = m_client->open(start);
    if (!stream)
        return stream.status();
    StreamDemuxer demuxer;
    std::string out, err, chunk;
    bool more = true;
    while (more) {
        chunk.clear();
        more = (*stream)->read(chunk);
        demuxer.feed(chunk);
        StreamFrame frame;
        while (demuxer.next(frame))
            (frame.stream == 2 ? err : out) += frame.data;
    }
    auto inspect = m_client->get("/exec/" + execId + "/json");
    if (!inspect)
        return inspect.status();
    if (inspect->value("Running", false)) {
        // The stream ended by the deadline: the probe's process must not linger.
        int pid = inspect->value("Pid", 0);
        if (pid > 0)
            ::kill(pid, SIGKILL);
        return Status(StatusCode::Timeout, "exec in " + containerId.substr(0, 12) +
                                               " did not finish within " +
                                               std::to_string(timeout.count()) + " s");
    }
    ExecResult result;
    result.exitCode = inspect->value("ExitCode", -1);
    result.output = out + err;
    if (result.output.size() > kMaxExecOutput)
        result.output.resize(kMaxExecOutput);
    return result;
}

} // namespace cox::agent::docker
