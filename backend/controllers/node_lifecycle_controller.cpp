// NodeLifecycleController; see node_lifecycle_controller.h.
#include "controllers/node_lifecycle_controller.h"

#include "controllers/object_util.h"

#include <algorithm>
#include <cmath>

namespace cox::controllers {

namespace {
using std::chrono::duration_cast;
using std::chrono::milliseconds;

const Json *condition(const Json &node, const std::string &type) {
    const Json &conditions = at(node, {"status", "conditions"});
    if (conditions.is_array())
        for (const auto &c : conditions)
            if (c.value("type", std::string()) == type)
                return &c;
    return nullptr;
}

std::string readyStatus(const Json &node) {
    const Json *ready = condition(node, "Ready");
    return ready ? ready->value("status", std::string("Unknown")) : std::string("Unknown");
}

bool tolerates(const Json &toleration, const Json &taint) {
    std::string effect = toleration.value("effect", std::string());
    if (!effect.empty() && effect != taint.value("effect", std::string()))
        return false;
    std::string key = toleration.value("key", std::string());
    std::string op = toleration.value("operator", std::string("Equal"));
    if (key.empty())
        return op == "Exists";
    if (key != taint.value("key", std::string()))
        return false;
    return op == "Exists" ||
           toleration.value("value", std::string()) == taint.value("value", std::string());
}
} // namespace

NodeLifecycleController::NodeLifecycleController(apiserver::ResourceService &api,
                                                 SharedInformers &informers, EventRecorder &events,
                                                 NodeLifecycleOptions options)
    : Controller("node-lifecycle-controller", api.clock())
    , m_api(api)
    , m_nodes(informers.forResource("", "nodes"))
    , m_leases(informers.forResource("coordination.k8s.io", "leases"))
    , m_pods(informers.pods())
    , m_events(events)
    , m_options(options)
    , m_started(api.clock().now())
    , m_tokens(std::max(1.0, options.evictionsPerSecond))
    , m_tokensAt(m_started) {
    auto enqueue = [this](const Json &node) {
        queue().add(metaString(node, "name"));
    };
    m_nodes.addEventHandler({enqueue, [enqueue](const Json &, const Json &n) { enqueue(n); },
                             [this](const Json &node) {
                                 std::lock_guard lock(m_mutex);
                                 m_renewals.erase(metaString(node, "name"));
                             }});
    auto lease = [this](const Json &l) {
        if (metaString(l, "namespace") != "kube-node-lease")
            return;
        observeLease(l);
        queue().add(metaString(l, "name"));
    };
    m_leases.addEventHandler({lease, [lease](const Json &, const Json &n) { lease(n); }, nullptr});
    auto pod = [this](const Json &p) {
        std::string node = stringAt(p, {"spec", "nodeName"});
        if (!node.empty() && !isTerminating(p))
            queue().add(node);
    };
    m_pods.addEventHandler({pod, [pod](const Json &, const Json &n) { pod(n); }, nullptr});
}

NodeLifecycleController::~NodeLifecycleController() {
    stop();
}

void NodeLifecycleController::observeLease(const Json &lease) {
    std::string renew = stringAt(lease, {"spec", "renewTime"});
    std::lock_guard lock(m_mutex);
    auto &entry = m_renewals[metaString(lease, "name")];
    // Only a renewal we see counts, timed by our clock (no trust in the node's clock).
    if (entry.second == WallTime() || entry.first != renew)
        entry = {renew, m_api.clock().now()};
}

WallTime NodeLifecycleController::lastRenewal(const std::string &node) {
    std::lock_guard lock(m_mutex);
    auto &entry = m_renewals[node];
    if (entry.second == WallTime())
        entry.second = m_api.clock().now(); // first sight: a grace period starts now
    return entry.second;
}

Status NodeLifecycleController::reconcile(const std::string &nodeName) {
    ObjectPtr cached = m_nodes.get(nodeName);
    if (!cached)
        return Status::ok();
    Json node = *cached;
    WallTime now = m_api.clock().now();
    WallTime deadline = lastRenewal(nodeName) + m_options.gracePeriod;
    if (now >= deadline && readyStatus(node) != "Unknown") {
        if (Status s = markUnknown(node); !s)
            return s;
        auto fresh = m_api.get(m_nodes.type(), "", nodeName, controllerContext());
        if (!fresh)
            return fresh.status();
        node = std::move(*fresh);
    } else if (now < deadline) {
        queue().addAfter(nodeName, duration_cast<milliseconds>(deadline - now) + milliseconds(1));
    }
    std::string ready = readyStatus(node);
    std::vector<std::string> taints;
    if (ready == "Unknown")
        taints.push_back(kTaintUnreachable);
    else if (ready == "False")
        taints.push_back(kTaintNotReady);
    Json updated;
    if (Status s = setTaints(node, taints, updated); !s)
        return s;
    return evictPods(updated);
}

Status NodeLifecycleController::markUnknown(const Json &node) {
    Json copy = node;
    std::string now = formatRfc3339(m_api.clock().now());
    Json &conditions = copy["status"]["conditions"];
    if (!conditions.is_array())
        conditions = Json::array();
    if (!condition(copy, "Ready"))
        conditions.push_back({{"type", "Ready"}});
    for (auto &c : conditions) {
        if (c.value("status", std::string()) == "Unknown")
            continue;
        c["status"] = "Unknown";
        c["reason"] = "NodeStatusUnknown";
        c["message"] = "Kubelet stopped posting node status.";
        c["lastTransitionTime"] = now;
        if (!c.contains("lastHeartbeatTime"))
            c["lastHeartbeatTime"] = now;
    }
    auto ctx = controllerContext();
    auto updated =
        m_api.updateStatus(m_nodes.type(), "", metaString(node, "name"), std::move(copy), ctx);
    if (updated)
        m_events.record(node, "Normal", "NodeNotReady",
                        "Node " + metaString(node, "name") + " status is now: NodeNotReady");
    return updated.status();
}

Status NodeLifecycleController::setTaints(const Json &node, const std::vector<std::string> &keys,
                                          Json &updated) {
    const Json &current = at(node, {"spec", "taints"});
    Json taints = Json::array();
    std::vector<std::string> present;
    for (const auto &t : current.is_array() ? current : Json::array()) {
        std::string key = t.value("key", std::string());
        bool ours = key == kTaintUnreachable || key == kTaintNotReady;
        if (ours && std::find(keys.begin(), keys.end(), key) == keys.end())
            continue; // healthy again for this one
        if (ours)
            present.push_back(key);
        taints.push_back(t);
    }
    for (const auto &key : keys)
        if (std::find(present.begin(), present.end(), key) == present.end())
            taints.push_back({{"key", key},
                              {"effect", "NoExecute"},
                              {"timeAdded", formatRfc3339(m_api.clock().now())}});
    if (taints == (current.is_array() ? current : Json::array())) {
        updated = node;
        return Status::ok();
    }
    Json copy = node;
    copy["spec"]["taints"] = taints;
    auto ctx = controllerContext();
    auto written = m_api.update(m_nodes.type(), "", metaString(node, "name"), std::move(copy), ctx);
    if (!written)
        return written.status();
    updated = *written;
    return Status::ok();
}

std::optional<WallTime> NodeLifecycleController::evictionTime(const Json &pod,
                                                              const Json &taints) const {
    std::optional<WallTime> when;
    const Json &tolerations = at(pod, {"spec", "tolerations"});
    for (const auto &taint : taints) {
        if (taint.value("effect", std::string()) != "NoExecute")
            continue;
        WallTime added = m_started;
        WallTime parsed;
        if (parseRfc3339(taint.value("timeAdded", std::string()), parsed))
            added = std::max(added, parsed); // never count time the controller was not running
        std::optional<std::chrono::seconds> allowed = m_options.defaultTolerationSeconds;
        for (const auto &t : tolerations.is_array() ? tolerations : Json::array()) {
            if (!tolerates(t, taint))
                continue;
            if (!t.contains("tolerationSeconds") || !t["tolerationSeconds"].is_number()) {
                allowed.reset(); // tolerates forever
                break;
            }
            allowed =
                std::chrono::seconds(std::max<int64_t>(0, t["tolerationSeconds"].get<int64_t>()));
        }
        if (!allowed)
            continue;
        WallTime due = added + *allowed;
        if (!when || due < *when)
            when = due;
    }
    return when;
}

bool NodeLifecycleController::takeEvictionToken(std::chrono::milliseconds &wait) {
    std::lock_guard lock(m_mutex);
    WallTime now = m_api.clock().now();
    double rate = std::max(0.001, m_options.evictionsPerSecond);
    double burst = std::max(1.0, m_options.evictionsPerSecond);
    double elapsed = std::chrono::duration<double>(now - m_tokensAt).count();
    m_tokens = std::min(burst, m_tokens + elapsed * rate);
    m_tokensAt = now;
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return true;
    }
    wait = milliseconds(static_cast<int64_t>(std::ceil((1.0 - m_tokens) / rate * 1000.0)));
    return false;
}

Status NodeLifecycleController::evictPods(const Json &node) {
    const Json &taints = at(node, {"spec", "taints"});
    if (!taints.is_array() || taints.empty())
        return Status::ok();
    std::string name = metaString(node, "name");
    WallTime now = m_api.clock().now();
    auto ctx = controllerContext();
    for (const auto &pod : m_pods.byIndex(kIndexNodeName, name)) {
        if (isTerminating(*pod))
            continue;
        auto due = evictionTime(*pod, taints);
        if (!due)
            continue;
        if (*due > now) {
            queue().addAfter(name, duration_cast<milliseconds>(*due - now) + milliseconds(1));
            continue;
        }
        milliseconds wait{0};
        if (!takeEvictionToken(wait)) {
            queue().addAfter(name, wait);
            return Status::ok();
        }
        auto removed = m_api.remove(m_pods.type(), metaString(*pod, "namespace"),
                                    metaString(*pod, "name"), {}, ctx);
        if (!removed && removed.status().code() != StatusCode::NotFound)
            return removed.status();
        m_events.record(*pod, "Normal", "TaintManagerEviction",
                        "Marking for deletion Pod " + objectKey(*pod));
    }
    return Status::ok();
}

} // namespace cox::controllers
