// PodWorker: the pod status it reports (phase, conditions, IPs, container statuses).
#include "pod_worker.h"

namespace cox::agent {

namespace {

std::string time(WallTime t) {
    return formatRfc3339(t);
}

Json terminatedJson(const ContainerStatus &s, const std::string &containerId) {
    return {{"terminated",
             {{"exitCode", s.exitCode},
              {"reason", s.reason.empty() ? (s.exitCode == 0 ? "Completed" : "Error") : s.reason},
              {"startedAt", time(s.startedAt)},
              {"finishedAt", time(s.finishedAt)},
              {"containerID", containerId}}}};
}

} // namespace

Json PodWorker::condition(const std::string &type, bool value) {
    auto it = m_conditions.find(type);
    if (it == m_conditions.end() || it->second.first != value)
        it = m_conditions.insert_or_assign(type, std::pair{value, m_ctx.clock.now()}).first;
    return {{"type", type},
            {"status", value ? "True" : "False"},
            {"lastProbeTime", nullptr},
            {"lastTransitionTime", time(it->second.second)}};
}

Json PodWorker::containerStatusJson(const model::Container &c, const ContainerRecord &r) const {
    const std::string scheme = m_ctx.runtime.version().substr(0, m_ctx.runtime.version().find(':'));
    auto cid = [&](const std::string &id) {
        return id.empty() ? id : scheme + "://" + id;
    };
    Json j = {{"name", c.name},
              {"image", c.image},
              {"imageID", r.last ? r.last->imageId : ""},
              {"restartCount", r.restartCount},
              {"ready", r.ready},
              {"started", r.started && !r.id.empty()},
              {"lastState", Json::object()}};
    if (!r.id.empty() && r.last) {
        j["containerID"] = cid(r.id);
        if (r.last->state == ContainerState::Exited)
            j["state"] = terminatedJson(*r.last, cid(r.id));
        else
            j["state"] = {{"running", {{"startedAt", time(r.last->startedAt)}}}};
        if (r.lastTerminated && r.lastTerminated->state == ContainerState::Exited)
            j["lastState"] = terminatedJson(*r.lastTerminated, cid(r.lastTerminated->id));
        return j;
    }
    Json waiting = {{"reason", r.waitingReason.empty() ? "ContainerCreating" : r.waitingReason}};
    if (!r.waitingMessage.empty())
        waiting["message"] = r.waitingMessage;
    j["state"] = {{"waiting", waiting}};
    if (r.last && r.last->state == ContainerState::Exited)
        j["lastState"] = terminatedJson(*r.last, cid(r.last->id));
    return j;
}

Json PodWorker::buildStatus(const model::Pod &pod) {
    bool allReady = !pod.spec.containers.empty();
    Json containers = Json::array(), inits = Json::array();
    for (const auto &c : pod.spec.initContainers) {
        auto it = m_containers.find(c.name);
        inits.push_back(
            containerStatusJson(c, it == m_containers.end() ? ContainerRecord{} : it->second));
    }
    for (const auto &c : pod.spec.containers) {
        auto it = m_containers.find(c.name);
        const ContainerRecord empty{};
        const ContainerRecord &r = it == m_containers.end() ? empty : it->second;
        allReady = allReady && r.ready;
        containers.push_back(containerStatusJson(c, r));
    }
    const bool running = m_phase == "Running";
    Json status = {{"phase", m_phase},
                   {"conditions", Json::array({condition("PodScheduled", true),
                                               condition("Initialized", m_initialized),
                                               condition("ContainersReady", running && allReady),
                                               condition("Ready", running && allReady)})},
                   {"hostIP", m_ctx.hostIp},
                   {"hostIPs", Json::array({{{"ip", m_ctx.hostIp}}})},
                   {"startTime", time(m_startTime)},
                   {"containerStatuses", containers}};
    if (!inits.empty())
        status["initContainerStatuses"] = inits;
    if (!m_podIp.empty()) {
        status["podIP"] = m_podIp;
        status["podIPs"] = Json::array({{{"ip", m_podIp}}});
    }
    if (!m_podFailed.empty()) {
        status["reason"] = "Failed";
        status["message"] = m_podFailed;
    } else if (!m_sandboxError.empty()) {
        status["message"] = "sandbox: " + m_sandboxError;
    } else if (!m_volumeError.empty()) {
        status["message"] = m_volumeError;
    }
    return status;
}

} // namespace cox::agent
