// Pods, as printPod in Kubernetes' pkg/printers/internalversion: the Status cell is the reason
// kubectl users know (ContainerCreating, CrashLoopBackOff, Init:0/1, Completed, Terminating ...)
// derived from phase, init container and container states, in the same precedence.
#include "printers/human_duration.h"
#include "printers/kind_printers.h"

namespace cox::printers {

namespace {

using model::Json;

const Json &listAt(const Json &object, std::initializer_list<std::string_view> path) {
    static const Json empty = Json::array();
    const Json *v = at(object, path);
    return v && v->is_array() ? *v : empty;
}

struct Restarts {
    std::int64_t count = 0;
    WallTime last{};
    bool hasLast = false;

    void add(const Json &status) {
        count += intAt(status, {"restartCount"});
        WallTime finished;
        std::string at = stringAt(status, {"lastState", "terminated", "finishedAt"});
        if (!at.empty() && parseRfc3339(at, finished) && (!hasLast || finished > last)) {
            last = finished;
            hasLast = true;
        }
    }
    void add(const Restarts &other) {
        count += other.count;
        if (other.hasLast && (!hasLast || other.last > last)) {
            last = other.last;
            hasLast = true;
        }
    }
};

// A sidecar: an init container with restartPolicy Always.
bool isRestartableInit(const Json &pod, const std::string &name) {
    for (const auto &c : listAt(pod, {"spec", "initContainers"}))
        if (stringAt(c, {"name"}) == name)
            return stringAt(c, {"restartPolicy"}) == "Always";
    return false;
}

bool conditionTrue(const Json &pod, std::string_view type) {
    for (const auto &c : listAt(pod, {"status", "conditions"}))
        if (stringAt(c, {"type"}) == type)
            return stringAt(c, {"status"}) == "True";
    return false;
}

std::string terminatedReason(const Json &terminated, const std::string &prefix) {
    std::string reason = stringAt(terminated, {"reason"});
    if (!reason.empty())
        return prefix + reason;
    std::int64_t signal = intAt(terminated, {"signal"});
    if (signal != 0)
        return prefix + "Signal:" + std::to_string(signal);
    return prefix + "ExitCode:" + std::to_string(intAt(terminated, {"exitCode"}));
}

struct PodState {
    std::string reason;
    std::int64_t ready = 0;
    std::int64_t total = 0;
    Restarts restarts;
};

// Walks init containers in order; returns true while the pod is still initializing.
bool scanInitContainers(const Json &pod, PodState &state, Restarts &sidecarRestarts) {
    const Json &statuses = listAt(pod, {"status", "initContainerStatuses"});
    size_t initCount = listAt(pod, {"spec", "initContainers"}).size();
    for (size_t i = 0; i < statuses.size(); ++i) {
        const Json &c = statuses[i];
        const std::string name = stringAt(c, {"name"});
        bool sidecar = isRestartableInit(pod, name);
        state.restarts.add(c);
        if (sidecar)
            sidecarRestarts.add(c);
        const Json *terminated = at(c, {"state", "terminated"});
        std::string waiting = stringAt(c, {"state", "waiting", "reason"});
        if (terminated && intAt(*terminated, {"exitCode"}) == 0)
            continue;
        if (sidecar && boolAt(c, {"started"})) {
            if (boolAt(c, {"ready"}))
                state.ready++;
            continue;
        }
        if (terminated)
            state.reason = terminatedReason(*terminated, "Init:");
        else if (!waiting.empty() && waiting != "PodInitializing")
            state.reason = "Init:" + waiting;
        else
            state.reason = "Init:" + std::to_string(i) + "/" + std::to_string(initCount);
        return true;
    }
    return false;
}

void scanContainers(const Json &pod, PodState &state) {
    const Json &statuses = listAt(pod, {"status", "containerStatuses"});
    bool hasRunning = false;
    for (size_t i = statuses.size(); i-- > 0;) { // the first container's reason wins
        const Json &c = statuses[i];
        state.restarts.add(c);
        std::string waiting = stringAt(c, {"state", "waiting", "reason"});
        const Json *terminated = at(c, {"state", "terminated"});
        if (!waiting.empty())
            state.reason = waiting;
        else if (terminated)
            state.reason = terminatedReason(*terminated, "");
        else if (boolAt(c, {"ready"}) && at(c, {"state", "running"})) {
            hasRunning = true;
            state.ready++;
        }
    }
    if (state.reason == "Completed" && hasRunning)
        state.reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
}

PodState podState(const Json &pod) {
    PodState state;
    std::string phase = stringAt(pod, {"status", "phase"});
    state.reason = phase;
    if (std::string r = stringAt(pod, {"status", "reason"}); !r.empty())
        state.reason = r;
    for (const auto &c : listAt(pod, {"status", "conditions"}))
        if (stringAt(c, {"type"}) == "PodScheduled" && stringAt(c, {"reason"}) == "SchedulingGated")
            state.reason = "SchedulingGated";
    state.total = static_cast<std::int64_t>(listAt(pod, {"spec", "containers"}).size());
    for (const auto &c : listAt(pod, {"spec", "initContainers"}))
        if (stringAt(c, {"restartPolicy"}) == "Always")
            state.total++;

    Restarts sidecarRestarts;
    bool initializing = scanInitContainers(pod, state, sidecarRestarts);
    if (!initializing || conditionTrue(pod, "Initialized")) {
        state.restarts = sidecarRestarts;
        scanContainers(pod, state);
    }
    bool deleting = at(pod, {"metadata", "deletionTimestamp"}) != nullptr &&
                    !at(pod, {"metadata", "deletionTimestamp"})->is_null();
    if (deleting && stringAt(pod, {"status", "reason"}) == "NodeLost")
        state.reason = "Unknown";
    else if (deleting && phase != "Succeeded" && phase != "Failed")
        state.reason = "Terminating";
    return state;
}

std::string readinessGates(const Json &pod) {
    const Json &gates = listAt(pod, {"spec", "readinessGates"});
    if (gates.empty())
        return "<none>";
    int trueCount = 0;
    for (const auto &g : gates)
        if (conditionTrue(pod, stringAt(g, {"conditionType"})))
            trueCount++;
    return std::to_string(trueCount) + "/" + std::to_string(gates.size());
}

Json completedCondition(const char *reason, const char *message) {
    return Json::array(
        {{{"type", "Completed"}, {"status", "True"}, {"reason", reason}, {"message", message}}});
}

Row podRow(const Json &pod, WallTime now) {
    PodState s = podState(pod);
    std::string restarts = std::to_string(s.restarts.count);
    if (s.restarts.count != 0 && s.restarts.hasLast)
        restarts += " (" +
                    humanDuration(std::chrono::duration_cast<std::chrono::milliseconds>(
                        now - s.restarts.last)) +
                    " ago)";
    std::string ip;
    if (const Json &ips = listAt(pod, {"status", "podIPs"}); !ips.empty())
        ip = stringAt(ips[0], {"ip"});
    if (ip.empty())
        ip = stringAt(pod, {"status", "podIP"});
    Row row;
    row.cells = Json::array(
        {objectName(pod), std::to_string(s.ready) + "/" + std::to_string(s.total), s.reason,
         restarts, objectAge(pod, now), orNone(ip), orNone(stringAt(pod, {"spec", "nodeName"})),
         orNone(stringAt(pod, {"status", "nominatedNodeName"})), readinessGates(pod)});
    std::string phase = stringAt(pod, {"status", "phase"});
    if (phase == "Succeeded")
        row.conditions = completedCondition("Succeeded", "The pod has completed successfully.");
    else if (phase == "Failed")
        row.conditions = completedCondition("Failed", "The pod failed.");
    return row;
}

} // namespace

KindPrinter podPrinter() {
    return {{nameColumn(),
             {"Ready", "string", "",
              "The aggregate readiness state of this pod for accepting "
              "traffic.",
              0},
             {"Status", "string", "", "The aggregate status of the containers in this pod.", 0},
             {"Restarts", "string", "",
              "The number of times the containers in this pod have been restarted and when the "
              "last container in this pod has restarted.",
              0},
             ageColumn(),
             {"IP", "string", "",
              "IP address allocated to the pod. Routable at least within the "
              "cluster. Empty if not yet allocated.",
              1},
             {"Node", "string", "", "NodeName indicates in which node this pod is scheduled.", 1},
             {"Nominated Node", "string", "",
              "nominatedNodeName is set only when this pod preempts other pods on the node, but "
              "it cannot be scheduled right away as preemption victims receive their graceful "
              "termination periods.",
              1},
             {"Readiness Gates", "string", "",
              "If specified, all readiness gates will be "
              "evaluated for pod readiness.",
              1}},
            podRow};
}

} // namespace cox::printers
