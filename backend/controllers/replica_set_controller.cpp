// ReplicaSetController; see replica_set_controller.h.
#include "controllers/replica_set_controller.h"

#include "controllers/object_util.h"
#include "controllers/pod_move.h"
#include "controllers/pod_ranking.h"

#include <algorithm>

namespace cox::controllers {

namespace {
const model::ResourceType &podsType() {
    return resourceType("", "pods");
}
const model::ResourceType &rsType() {
    return resourceType("apps", "replicasets");
}
bool ownedBy(const Json *ref, const Json &owner) {
    return ref && ref->value("uid", std::string()) == metaString(owner, "uid");
}
// The owning ReplicaSet's key when `pod`'s controller is a ReplicaSet.
std::string ownerKey(const Json &pod) {
    const Json *ref = controllerRefOf(pod);
    if (!ref || ref->value("kind", std::string()) != "ReplicaSet")
        return {};
    return metaString(pod, "namespace") + "/" + ref->value("name", std::string());
}
} // namespace

ReplicaSetController::ReplicaSetController(apiserver::ResourceService &api,
                                           SharedInformers &informers, EventRecorder &events,
                                           ReplicaSetOptions options)
    : Controller("replicaset-controller", api.clock())
    , m_api(api)
    , m_pods(informers.pods())
    , m_replicaSets(informers.replicaSets())
    , m_events(events)
    , m_expectations(api.clock())
    , m_options(options) {
    m_replicaSets.addEventHandler(
        {[this](const Json &rs) { queue().add(objectKey(rs)); },
         [this](const Json &, const Json &rs) { queue().add(objectKey(rs)); },
         [this](const Json &rs) {
             m_expectations.forget(objectKey(rs));
             queue().add(objectKey(rs));
         }});
    m_pods.addEventHandler({[this](const Json &pod) { onPodAdd(pod); },
                            [this](const Json &o, const Json &n) { onPodUpdate(o, n); },
                            [this](const Json &pod) {
                                onPodDelete(pod);
                            }});
}

ReplicaSetController::~ReplicaSetController() {
    stop();
}

void ReplicaSetController::enqueueOwner(const Json &pod) {
    std::string key = ownerKey(pod);
    if (!key.empty())
        queue().add(key);
}

void ReplicaSetController::enqueueMatching(const Json &pod) {
    for (const auto &rs : m_replicaSets.byIndex(kIndexNamespace, metaString(pod, "namespace"))) {
        auto selector = model::LabelSelector::fromJson(at(*rs, {"spec", "selector"}));
        if (selector && !selector->empty() && selector->matches(labelsOf(pod)))
            queue().add(objectKey(*rs));
    }
}

void ReplicaSetController::onPodAdd(const Json &pod) {
    std::string key = ownerKey(pod);
    if (key.empty())
        return enqueueMatching(pod);
    if (isTerminating(pod))
        m_expectations.deletionObserved(key, objectKey(pod));
    else
        m_expectations.creationObserved(key);
    queue().add(key);
}

void ReplicaSetController::onPodUpdate(const Json &oldPod, const Json &newPod) {
    std::string oldKey = ownerKey(oldPod), newKey = ownerKey(newPod);
    if (isTerminating(newPod) && !isTerminating(oldPod) && !newKey.empty())
        m_expectations.deletionObserved(newKey, objectKey(newPod));
    if (oldKey != newKey && !oldKey.empty())
        queue().add(oldKey);
    if (!newKey.empty())
        queue().add(newKey);
    else if (labelsOf(oldPod) != labelsOf(newPod) || !oldKey.empty())
        enqueueMatching(newPod);
}

void ReplicaSetController::onPodDelete(const Json &pod) {
    std::string key = ownerKey(pod);
    if (key.empty())
        return;
    m_expectations.deletionObserved(key, objectKey(pod));
    queue().add(key);
}

Status ReplicaSetController::reconcile(const std::string &key) {
    ObjectPtr cached = m_replicaSets.get(key);
    if (!cached) {
        m_expectations.forget(key);
        return Status::ok();
    }
    const Json &rs = *cached;
    auto selector = model::LabelSelector::fromJson(at(rs, {"spec", "selector"}));
    if (!selector) {
        m_events.record(rs, "Warning", "InvalidSelector", selector.status().message());
        return Status::ok(); // retrying cannot fix the spec
    }
    // Read expectations before listing pods: a pod observed in between is then in the list.
    bool satisfied = m_expectations.satisfied(key);
    Status claimError;
    std::vector<ObjectPtr> owned = claimPods(rs, *selector, claimError);
    std::vector<ObjectPtr> active;
    for (const auto &pod : owned)
        if (isPodActive(*pod))
            active.push_back(pod);
    Status manageError;
    if (satisfied && !isTerminating(rs))
        manageError = manageReplicas(rs, active, key);
    Status statusError = writeStatus(rs, active);
    if (!claimError.isOk())
        return claimError;
    if (!manageError.isOk())
        return manageError;
    return statusError;
}

std::vector<ObjectPtr> ReplicaSetController::claimPods(const Json &rs,
                                                       const model::LabelSelector &selector,
                                                       Status &error) {
    std::vector<ObjectPtr> owned;
    for (const auto &pod : m_pods.byIndex(kIndexNamespace, metaString(rs, "namespace"))) {
        const Json *ref = controllerRefOf(*pod);
        bool matches = !selector.empty() && selector.matches(labelsOf(*pod));
        if (ownedBy(ref, rs)) {
            if (matches || isTerminating(rs)) {
                owned.push_back(pod);
                continue;
            }
            if (Status s = release(rs, *pod); !s && s.code() != StatusCode::NotFound)
                error = s;
            continue;
        }
        if (ref || !matches || isTerminating(*pod) || isTerminating(rs))
            continue;
        if (Status s = adopt(rs, *pod); !s) {
            if (s.code() != StatusCode::NotFound)
                error = s;
            continue;
        }
        owned.push_back(pod);
    }
    return owned;
}

Status ReplicaSetController::adopt(const Json &rs, const Json &pod) {
    Json copy = pod;
    Json &refs = copy["metadata"]["ownerReferences"];
    if (!refs.is_array())
        refs = Json::array();
    refs.push_back(makeOwnerRef(rs, true, true));
    auto ctx = controllerContext();
    auto updated = m_api.update(podsType(), metaString(pod, "namespace"), metaString(pod, "name"),
                                std::move(copy), ctx);
    return updated.status();
}

Status ReplicaSetController::release(const Json &rs, const Json &pod) {
    Json copy = pod;
    Json kept = Json::array();
    for (const auto &ref : ownerRefsOf(pod))
        if (ref.value("uid", std::string()) != metaString(rs, "uid"))
            kept.push_back(ref);
    copy["metadata"]["ownerReferences"] = kept;
    auto ctx = controllerContext();
    auto updated = m_api.update(podsType(), metaString(pod, "namespace"), metaString(pod, "name"),
                                std::move(copy), ctx);
    return updated.status();
}

Status ReplicaSetController::manageReplicas(const Json &rs, const std::vector<ObjectPtr> &active,
                                            const std::string &key) {
    int desired = static_cast<int>(intAt(rs, {"spec", "replicas"}, 1));
    // A pod move's replacement and the original it replaces are one replica until the move
    // deletes the original; the replacement is never a scale-down victim meanwhile.
    std::set<std::string> names;
    for (const auto &pod : active)
        names.insert(metaString(*pod, "name"));
    std::vector<ObjectPtr> candidates;
    for (const auto &pod : active)
        if (!names.count(annotation(*pod, kAnnotationReplaces)))
            candidates.push_back(pod);
    int diff = static_cast<int>(candidates.size()) - desired;
    if (diff < 0)
        return createPods(rs, std::min(-diff, m_options.burstReplicas), key);
    if (diff > 0)
        return deletePods(candidates, std::min(diff, m_options.burstReplicas), key);
    return Status::ok();
}

Status ReplicaSetController::createPods(const Json &rs, int count, const std::string &key) {
    m_expectations.expectCreations(key, count);
    const Json &tmpl = at(rs, {"spec", "template"});
    Json meta = {{"generateName", metaString(rs, "name") + "-"},
                 {"namespace", metaString(rs, "namespace")},
                 {"ownerReferences", Json::array({makeOwnerRef(rs, true, true)})}};
    if (at(tmpl, {"metadata", "labels"}).is_object())
        meta["labels"] = tmpl["metadata"]["labels"];
    if (at(tmpl, {"metadata", "annotations"}).is_object())
        meta["annotations"] = tmpl["metadata"]["annotations"];
    Json pod = {
        {"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", at(tmpl, {"spec"})}};
    auto ctx = controllerContext();
    int created = 0;
    // Slow start: a template the API rejects fails once, not `count` times.
    for (int batch = 1; created < count; batch *= 2) {
        int size = std::min(batch, count - created);
        for (int i = 0; i < size; ++i) {
            auto result = m_api.create(podsType(), metaString(rs, "namespace"), pod, ctx);
            if (!result) {
                for (int skipped = created; skipped < count; ++skipped)
                    m_expectations.creationObserved(key);
                m_events.record(rs, "Warning", "FailedCreate",
                                "Error creating: " + result.status().message());
                return result.status();
            }
            ++created;
            m_events.record(rs, "Normal", "SuccessfulCreate",
                            "Created pod: " + metaString(*result, "name"));
        }
    }
    return Status::ok();
}

Status ReplicaSetController::deletePods(std::vector<ObjectPtr> active, int count,
                                        const std::string &key) {
    std::sort(active.begin(), active.end(),
              [](const ObjectPtr &a, const ObjectPtr &b) { return deleteBefore(*a, *b); });
    active.resize(count);
    std::set<std::string> victims;
    for (const auto &pod : active)
        victims.insert(objectKey(*pod));
    m_expectations.expectDeletions(key, victims);
    auto ctx = controllerContext();
    Status firstError;
    for (const auto &pod : active) {
        auto removed = m_api.remove(podsType(), metaString(*pod, "namespace"),
                                    metaString(*pod, "name"), {}, ctx);
        if (removed) {
            if (ObjectPtr rs = m_replicaSets.get(key))
                m_events.record(*rs, "Normal", "SuccessfulDelete",
                                "Deleted pod: " + metaString(*pod, "name"));
            continue;
        }
        m_expectations.deletionObserved(key, objectKey(*pod));
        if (removed.status().code() != StatusCode::NotFound && firstError.isOk())
            firstError = removed.status();
    }
    return firstError;
}

Status ReplicaSetController::writeStatus(const Json &rs, const std::vector<ObjectPtr> &owned) {
    const Json &templateLabels = at(rs, {"spec", "template", "metadata", "labels"});
    int64_t minReady = intAt(rs, {"spec", "minReadySeconds"}, 0);
    WallTime now = m_api.clock().now();
    int fullyLabeled = 0, ready = 0, available = 0;
    for (const auto &pod : owned) {
        bool labeled = true;
        if (templateLabels.is_object())
            for (const auto &[k, v] : templateLabels.items())
                labeled = labeled && labelsOf(*pod).value(k, Json()) == v;
        fullyLabeled += labeled;
        ready += isPodReady(*pod);
        available += isPodAvailable(*pod, minReady, now);
    }
    // Pods ready but not yet available become available by time alone: look again then.
    if (ready > available && minReady > 0)
        queue().addAfter(objectKey(rs), std::chrono::seconds(minReady));
    Json status = at(rs, {"status"}).is_object() ? rs["status"] : Json::object();
    Json wanted = status;
    wanted["replicas"] = static_cast<int>(owned.size());
    wanted["fullyLabeledReplicas"] = fullyLabeled;
    wanted["readyReplicas"] = ready;
    wanted["availableReplicas"] = available;
    wanted["observedGeneration"] = generationOf(rs);
    if (wanted == status)
        return Status::ok();
    Json copy = rs;
    copy["status"] = std::move(wanted);
    auto ctx = controllerContext();
    auto updated = m_api.updateStatus(rsType(), metaString(rs, "namespace"), metaString(rs, "name"),
                                      std::move(copy), ctx);
    if (!updated && updated.status().code() == StatusCode::NotFound)
        return Status::ok();
    return updated.status();
}

} // namespace cox::controllers
