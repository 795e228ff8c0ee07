#include "pod_worker.h"

#include "logs/log_options.h"

namespace cox::agent {

namespace {

using namespace std::chrono_literals;

ResourceLimits limitsOf(const model::ResourceRequirements &r) {
    ResourceLimits out;
    if (auto it = r.requests.find("cpu"); it != r.requests.end())
        out.cpuShares = std::max<int64_t>(2, it->second.milliValue() * 1024 / 1000);
    if (auto it = r.limits.find("cpu"); it != r.limits.end())
        out.cpuQuotaMicros = it->second.milliValue() * out.cpuPeriodMicros / 1000;
    if (auto it = r.limits.find("memory"); it != r.limits.end())
        out.memoryLimitBytes = it->second.value();
    return out;
}

} // namespace

PodWorker::PodWorker(PodWorkerContext ctx)
    : m_ctx(std::move(ctx)) {}

void PodWorker::adopt(const SandboxStatus &sandbox,
                      const std::vector<ContainerStatus> &containers) {
    m_sandboxId = sandbox.id;
    m_podIp = sandbox.ip;
    m_startTime = sandbox.createdAt;
    for (const auto &c : containers) {
        auto name = c.labels.find(kLabelContainerName);
        if (name == c.labels.end())
            continue;
        ContainerRecord &r = m_containers[name->second];
        if (!r.last || c.createdAt >= r.last->createdAt) {
            r.id = c.id;
            r.last = c;
            auto count = c.labels.find(kLabelRestartCount);
            r.restartCount = count == c.labels.end() ? 0 : std::atoi(count->second.c_str());
        }
    }
}

SandboxConfig PodWorker::sandboxConfig(const model::Pod &pod) const {
    SandboxConfig sc;
    sc.podUid = pod.metadata.uid;
    sc.podName = pod.metadata.name;
    sc.podNamespace = pod.metadata.namespace_;
    sc.hostname = pod.metadata.name;
    sc.hostNetwork = pod.spec.hostNetwork;
    sc.labels = {{kLabelPodUid, sc.podUid},
                 {kLabelPodName, sc.podName},
                 {kLabelPodNamespace, sc.podNamespace}};
    for (const auto &c : pod.spec.containers)
        for (const auto &p : c.ports)
            if (p.hostPort > 0)
                sc.portMappings.push_back({p.protocol.empty() ? "TCP" : p.protocol, p.containerPort,
                                           p.hostPort, p.hostIP});
    return sc;
}

Status PodWorker::ensureSandbox(const model::Pod &pod) {
    if (!m_sandboxId.empty()) {
        auto st = m_ctx.runtime.sandboxStatus(m_sandboxId);
        if (st && st->state == SandboxState::Ready)
            return Status::ok();
        // The sandbox died (node reboot, netns gone): its containers went with it.
        (void)m_ctx.runtime.stopSandbox(m_sandboxId);
        (void)m_ctx.runtime.removeSandbox(m_sandboxId);
        for (auto &[name, r] : m_containers)
            r.id.clear();
        m_sandboxId.clear();
    }
    const auto began = std::chrono::steady_clock::now();
    auto id = m_ctx.runtime.runSandbox(sandboxConfig(pod));
    m_trace.sandbox += std::chrono::steady_clock::now() - began;
    if (!id)
        return id.status();
    m_sandboxId = *id;
    auto st = m_ctx.runtime.sandboxStatus(m_sandboxId);
    m_podIp = pod.spec.hostNetwork ? m_ctx.hostIp : (st ? st->ip : std::string());
    m_sandboxError.clear();
    return Status::ok();
}

std::vector<std::pair<std::string, std::string>>
PodWorker::environment(const model::Pod &pod, const model::Container &c, Status &error) const {
    std::vector<std::pair<std::string, std::string>> env;
    for (const auto &e : c.env) {
        if (!e.valueFrom.is_object()) {
            env.emplace_back(e.name, e.value);
            continue;
        }
        if (e.valueFrom.contains("fieldRef")) {
            const std::string path = e.valueFrom["fieldRef"].value("fieldPath", "");
            const std::map<std::string, std::string> fields = {
                {"metadata.name", pod.metadata.name},
                {"metadata.namespace", pod.metadata.namespace_},
                {"metadata.uid", pod.metadata.uid},
                {"spec.nodeName", m_ctx.nodeName},
                {"spec.serviceAccountName", pod.spec.serviceAccountName},
                {"status.podIP", m_podIp},
                {"status.hostIP", m_ctx.hostIp}};
            auto it = fields.find(path);
            if (it == fields.end()) {
                error = Status(StatusCode::Invalid, "unsupported fieldRef " + path);
                return {};
            }
            env.emplace_back(e.name, it->second);
            continue;
        }
        for (auto [ref, kind] :
             {std::pair{"configMapKeyRef", "configmaps"}, std::pair{"secretKeyRef", "secrets"}}) {
            if (!e.valueFrom.contains(ref))
                continue;
            const Json &r = e.valueFrom[ref];
            const std::string name = r.value("name", ""), key = r.value("key", "");
            auto value = m_ctx.envSource
                             ? m_ctx.envSource(kind, pod.metadata.namespace_, name, key)
                             : Result<std::string>(StatusCode::Unavailable, "no API access");
            if (value)
                env.emplace_back(e.name, *value);
            else if (!r.value("optional", false)) {
                error = Status(value.status().code(), std::string(ref) + " " + name + "/" + key +
                                                          ": " + value.status().message());
                return {};
            }
        }
    }
    return env;
}

Status PodWorker::startContainer(const model::Pod &pod, const model::Container &c,
                                 ContainerRecord &r) {
    auto mark = std::chrono::steady_clock::now();
    auto lap = [&mark](PodStartTrace::Duration &into) {
        const auto now = std::chrono::steady_clock::now();
        into += now - mark;
        mark = now;
    };
    auto present = m_ctx.runtime.imagePresent(c.image);
    if (c.imagePullPolicy == "Always" || !present || !*present) {
        auto auth = m_ctx.pullAuth ? m_ctx.pullAuth(c.image) : std::nullopt;
        if (Status s = m_ctx.runtime.pullImage(c.image, auth); !s) {
            r.waitingReason = "ErrImagePull";
            return s;
        }
    }
    lap(m_trace.image);
    Status envError;
    ContainerConfig cc;
    cc.env = environment(pod, c, envError);
    if (!envError) {
        r.waitingReason = "CreateContainerConfigError";
        return envError;
    }
    cc.name = c.name;
    cc.image = c.image;
    cc.command = c.command;
    cc.args = c.args;
    cc.workingDir = c.workingDir;
    cc.resources = limitsOf(c.resources);
    if (m_mounts)
        if (auto it = m_mounts->find(c.name); it != m_mounts->end())
            cc.mounts = it->second;
    const int restarts = r.id.empty() && !r.last ? r.restartCount : r.restartCount + 1;
    if (!m_ctx.podLogDir.empty())
        cc.logPath = logs::logPathFor(m_ctx.podLogDir, c.name, restarts);
    cc.labels = {{kLabelPodUid, pod.metadata.uid},
                 {kLabelPodName, pod.metadata.name},
                 {kLabelPodNamespace, pod.metadata.namespace_},
                 {kLabelContainerName, c.name},
                 {kLabelRestartCount, std::to_string(restarts)}};
    auto id = m_ctx.runtime.createContainer(m_sandboxId, cc, sandboxConfig(pod));
    lap(m_trace.create);
    if (!id) {
        r.waitingReason = "CreateContainerError";
        return id.status();
    }
    Status started = m_ctx.runtime.startContainer(*id);
    lap(m_trace.start);
    if (Status s = started; !s) {
        (void)m_ctx.runtime.removeContainer(*id);
        r.waitingReason = "RunContainerError";
        return s;
    }
    if (r.last)
        r.lastTerminated = r.last;
    r.restartCount = restarts;
    r.id = *id;
    auto st = m_ctx.runtime.containerStatus(*id);
    r.last = st ? std::optional(*st) : std::nullopt;
    r.waitingReason.clear();
    r.waitingMessage.clear();
    r.started = r.ready = false;
    r.okRun = r.failRun = r.startupFails = r.livenessFails = 0;
    r.nextStartup = r.nextLiveness = r.nextReadiness = {};
    return Status::ok();
}

bool PodWorker::shouldRestart(const model::Pod &pod, const ContainerStatus &exited,
                              bool init) const {
    const std::string &policy = pod.spec.restartPolicy;
    if (policy == "Never")
        return false;
    if (policy == "OnFailure" || init)
        return exited.exitCode != 0;
    return true; // Always
}

} // namespace cox::agent
