// PodWorker: sync(), container restarts with CrashLoopBackOff, probes, termination.
#include "pod_worker.h"

#include "common/log.h"

namespace cox::agent {

namespace {

using namespace std::chrono_literals;

std::chrono::seconds periodOf(const model::Probe &p) {
    return std::chrono::seconds(p.periodSeconds > 0 ? p.periodSeconds : 10);
}

// Whether a probe is due now; if it is not, pulls `wake` forward to when it will be.
bool due(const model::Probe &p, WallTime startedAt, WallTime &next, WallTime now, WallTime &wake) {
    WallTime first = startedAt + std::chrono::seconds(p.initialDelaySeconds);
    WallTime at = std::max(first, next);
    if (now >= at) {
        next = now + periodOf(p);
        wake = std::min(wake, next);
        return true;
    }
    wake = std::min(wake, at);
    return false;
}

} // namespace

SyncResult PodWorker::sync(const model::Pod &pod, const Json &podJson) {
    const WallTime now = m_ctx.clock.now();
    m_podUid = pod.metadata.uid;
    if (!pod.metadata.deletionTimestamp.empty())
        return terminate(pod);
    if (m_startTime == WallTime{})
        m_startTime = now;
    WallTime wake = now + 30s; // periodic resync even when nothing is due
    if (!m_podFailed.empty() || m_phase == "Succeeded" || m_phase == "Failed")
        return {buildStatus(pod), wake};
    if (Status s = ensureSandbox(pod); !s) {
        m_sandboxError = s.message();
        return {buildStatus(pod), now + 2s};
    }
    if (Status s = ensureVolumes(pod, podJson); !s) {
        m_volumeError = s.message();
        return {buildStatus(pod), now + 2s};
    }
    m_volumeError.clear();
    m_initialized = true;
    for (const auto &c : pod.spec.initContainers) {
        Progress p = syncContainer(pod, c, true, wake);
        if (p == Progress::Succeeded)
            continue;
        m_initialized = false;
        if (p == Progress::Failed)
            m_podFailed = "init container " + c.name + " failed";
        else
            wake = std::min(wake, now + 1s); // poll the running init container for its exit
        break;
    }
    int running = 0, waiting = 0, failed = 0, done = 0;
    if (m_initialized) {
        for (const auto &c : pod.spec.containers) {
            Progress p = syncContainer(pod, c, false, wake);
            running += p == Progress::Running;
            // A container waiting out a back-off keeps the pod Running, as in Kubernetes.
            waiting += p == Progress::Waiting && m_containers[c.name].last.has_value();
            failed += p == Progress::Failed;
            done += p == Progress::Succeeded;
        }
        // Exits of running containers are noticed by polling (the runtime has no events).
        if (running > 0)
            wake = std::min(wake, now + 2s);
        running += waiting;
    }
    const int total = static_cast<int>(pod.spec.containers.size());
    if (!m_podFailed.empty() || (m_initialized && total > 0 && failed > 0 && running == 0))
        m_phase = "Failed";
    else if (m_initialized && total > 0 && done == total)
        m_phase = "Succeeded";
    else if (m_initialized && running > 0)
        m_phase = "Running";
    if (m_phase == "Succeeded" || m_phase == "Failed") {
        (void)m_ctx.runtime.stopSandbox(m_sandboxId); // frees the IP; status keeps the record
    }
    return {buildStatus(pod), wake};
}

PodWorker::Progress PodWorker::syncContainer(const model::Pod &pod, const model::Container &c,
                                             bool init, WallTime &wake) {
    const WallTime now = m_ctx.clock.now();
    ContainerRecord &r = m_containers[c.name];
    if (!r.id.empty()) {
        auto st = m_ctx.runtime.containerStatus(r.id);
        if (st)
            r.last = *st;
        else
            r.id.clear(); // gone behind our back: start again (counts as a restart)
    }
    if (r.id.empty()) {
        if (now < r.backoffUntil) {
            r.waitingReason = "CrashLoopBackOff";
            auto delay = r.last ? std::chrono::duration_cast<std::chrono::seconds>(
                                      r.backoffUntil - r.last->finishedAt)
                                : r.backoff;
            r.waitingMessage = "back-off " + std::to_string(delay.count()) +
                               "s restarting failed container=" + c.name;
            wake = std::min(wake, r.backoffUntil);
            return Progress::Waiting;
        }
        if (Status s = startContainer(pod, c, r); !s) {
            r.waitingMessage = s.message();
            wake = std::min(wake, now + 2s);
            return Progress::Waiting;
        }
    }
    if (r.last && r.last->state == ContainerState::Created)
        (void)m_ctx.runtime.startContainer(r.id); // adopted between create and start
    if (!r.last || r.last->state != ContainerState::Exited) {
        if (!init)
            runProbes(c, r, wake);
        return Progress::Running;
    }
    r.ready = false;
    if (!shouldRestart(pod, *r.last, init))
        return r.last->exitCode == 0 ? Progress::Succeeded : Progress::Failed;
    // Restart: the first at once, then 10 s doubling to 5 min; a container that ran 10 min
    // before exiting starts the sequence again.
    if (r.last->finishedAt - r.last->startedAt >= kBackoffReset)
        r.backoff = std::chrono::seconds(0);
    r.backoffUntil = r.last->finishedAt + r.backoff;
    r.backoff = r.backoff.count() == 0 ? kBackoffInitial : std::min(r.backoff * 2, kBackoffMax);
    (void)m_ctx.runtime.removeContainer(r.id);
    r.id.clear();
    return syncContainer(pod, c, init, wake);
}

void PodWorker::runProbes(const model::Container &c, ContainerRecord &r, WallTime &wake) {
    const WallTime now = m_ctx.clock.now();
    const WallTime startedAt = r.last ? r.last->startedAt : now;
    auto run = [&](const model::Probe &p) {
        return m_ctx.prober.probe(p, r.id, m_podIp);
    };
    if (!c.startupProbe) {
        r.started = true;
    } else if (!r.started && due(*c.startupProbe, startedAt, r.nextStartup, now, wake)) {
        if (run(*c.startupProbe)) {
            r.started = true;
        } else if (++r.startupFails >=
                   (c.startupProbe->failureThreshold > 0 ? c.startupProbe->failureThreshold : 3)) {
            COX_LOG(Info, "agent") << "container " << c.name << " failed its startup probe";
            (void)m_ctx.runtime.stopContainer(r.id, std::chrono::seconds(1));
            return;
        }
    }
    if (!r.started)
        return;
    if (c.livenessProbe && due(*c.livenessProbe, startedAt, r.nextLiveness, now, wake)) {
        if (run(*c.livenessProbe)) {
            r.livenessFails = 0;
        } else if (++r.livenessFails >= (c.livenessProbe->failureThreshold > 0
                                             ? c.livenessProbe->failureThreshold
                                             : 3)) {
            COX_LOG(Info, "agent") << "container " << c.name << " failed its liveness probe";
            (void)m_ctx.runtime.stopContainer(r.id, std::chrono::seconds(1));
            return;
        }
    }
    if (!c.readinessProbe) {
        r.ready = true;
    } else if (due(*c.readinessProbe, startedAt, r.nextReadiness, now, wake)) {
        const model::Probe &p = *c.readinessProbe;
        if (run(p)) {
            r.failRun = 0;
            if (++r.okRun >= (p.successThreshold > 0 ? p.successThreshold : 1))
                r.ready = true;
        } else {
            r.okRun = 0;
            if (++r.failRun >= (p.failureThreshold > 0 ? p.failureThreshold : 3))
                r.ready = false;
        }
    }
}

SyncResult PodWorker::terminate(const model::Pod &pod) {
    int64_t grace = 30;
    if (pod.metadata.deletionGracePeriodSeconds)
        grace = *pod.metadata.deletionGracePeriodSeconds;
    else if (pod.spec.terminationGracePeriodSeconds)
        grace = *pod.spec.terminationGracePeriodSeconds;
    teardown(std::chrono::seconds(grace));
    return {buildStatus(pod), m_ctx.clock.now() + 2s, true};
}

void PodWorker::teardown(std::chrono::seconds grace) {
    for (auto &[name, r] : m_containers) {
        if (r.id.empty())
            continue;
        (void)m_ctx.runtime.stopContainer(r.id, grace);
        auto st = m_ctx.runtime.containerStatus(r.id);
        if (st)
            r.last = *st;
        r.ready = false;
    }
    if (!m_sandboxId.empty()) {
        (void)m_ctx.runtime.stopSandbox(m_sandboxId);
        (void)m_ctx.runtime.removeSandbox(m_sandboxId);
    }
    if (m_ctx.volumes && !m_podUid.empty()) {
        if (Status s = m_ctx.volumes->cleanup(m_podUid); !s) {
            COX_LOG(Warn, "agent")
                << "removing the volumes of pod " << m_podUid << ": " << s.message();
        }
        m_mounts.reset();
    }
}

} // namespace cox::agent
