// DeploymentController: handlers, reconcile and the ReplicaSet bookkeeping (claiming, finding or
// creating the new ReplicaSet, revisions, scaling one ReplicaSet). See deployment_controller.h.
#include "controllers/deployment_controller.h"

#include "controllers/object_util.h"

#include <algorithm>

namespace cox::controllers {

namespace {
const model::ResourceType &rsType() {
    return resourceType("apps", "replicasets");
}
int64_t revisionOf(const Json &rs) {
    std::string text = annotation(rs, kRevisionAnnotation);
    return text.empty() ? 0 : std::atoll(text.c_str());
}
int specReplicas(const Json &o) {
    return static_cast<int>(intAt(o, {"spec", "replicas"}, 1));
}
} // namespace

Json templateForHash(const Json &tmpl) {
    Json copy = tmpl;
    if (copy.is_object() && copy.contains("metadata") && copy["metadata"].contains("labels") &&
        copy["metadata"]["labels"].is_object())
        copy["metadata"]["labels"].erase(kPodTemplateHashLabel);
    return copy;
}

DeploymentController::DeploymentController(apiserver::ResourceService &api,
                                           SharedInformers &informers, EventRecorder &events)
    : Controller("deployment-controller", api.clock())
    , m_api(api)
    , m_deployments(informers.deployments())
    , m_replicaSets(informers.replicaSets())
    , m_pods(informers.pods())
    , m_events(events) {
    auto enqueue = [this](const Json &d) {
        queue().add(objectKey(d));
    };
    m_deployments.addEventHandler(
        {enqueue, [enqueue](const Json &, const Json &d) { enqueue(d); }, enqueue});
    m_replicaSets.addEventHandler({[this](const Json &rs) { enqueueOwner(rs); },
                                   [this](const Json &o, const Json &n) {
                                       if (controllerRefOf(o) && !controllerRefOf(n))
                                           enqueueOwner(o);
                                       enqueueOwner(n);
                                   },
                                   [this](const Json &rs) {
                                       enqueueOwner(rs);
                                   }});
    // Recreate waits for old pods to be gone: their deletion is what lets it proceed.
    m_pods.addEventHandler({nullptr, nullptr, [this](const Json &pod) {
                                const Json *ref = controllerRefOf(pod);
                                if (!ref || (*ref)["kind"] != "ReplicaSet")
                                    return;
                                auto rs = m_replicaSets.get(metaString(pod, "namespace") + "/" +
                                                            ref->value("name", std::string()));
                                if (rs)
                                    enqueueOwner(*rs);
                            }});
}

DeploymentController::~DeploymentController() {
    stop();
}

void DeploymentController::enqueueOwner(const Json &rs) {
    const Json *ref = controllerRefOf(rs);
    if (!ref)
        return enqueueMatching(rs);
    if ((*ref)["kind"] == "Deployment")
        queue().add(metaString(rs, "namespace") + "/" + ref->value("name", std::string()));
}

void DeploymentController::enqueueMatching(const Json &rs) {
    for (const auto &d : m_deployments.byIndex(kIndexNamespace, metaString(rs, "namespace"))) {
        auto selector = model::LabelSelector::fromJson(at(*d, {"spec", "selector"}));
        if (selector && !selector->empty() && selector->matches(labelsOf(rs)))
            queue().add(objectKey(*d));
    }
}

Status DeploymentController::reconcile(const std::string &key) {
    ObjectPtr cached = m_deployments.get(key);
    if (!cached || isTerminating(*cached))
        return Status::ok(); // the garbage collector removes what it owned
    Rollout r;
    r.deployment = *cached;
    r.key = key;
    const Json &d = r.deployment;
    auto selector = model::LabelSelector::fromJson(at(d, {"spec", "selector"}));
    if (!selector || selector->empty()) {
        m_events.record(d, "Warning", "SelectingAll",
                        "This deployment is selecting all pods. A non-empty selector is required.");
        return Status::ok();
    }
    Status claimError;
    std::vector<Json> owned = claimReplicaSets(d, *selector, claimError);
    if (!claimError)
        return claimError;
    r.replicas = specReplicas(d);
    bool recreating = stringAt(d, {"spec", "strategy", "type"}) == "Recreate";
    if (!recreating) {
        const Json &ru = at(d, {"spec", "strategy", "rollingUpdate"});
        // Kubernetes' defaults: 25% each (surge rounds up, unavailability down).
        auto orDefault = [](const Json &v) {
            return v.is_null() ? Json("25%") : v;
        };
        r.maxSurge =
            std::max(0, resolveIntOrPercent(orDefault(at(ru, {"maxSurge"})), r.replicas, true, 0));
        r.maxUnavailable = std::max(
            0, resolveIntOrPercent(orDefault(at(ru, {"maxUnavailable"})), r.replicas, false, 0));
        if (r.maxSurge == 0 && r.maxUnavailable == 0)
            r.maxUnavailable = 1; // a rollout must be able to make progress
    }
    bool paused = at(d, {"spec", "paused"}) == true;
    if (Status s = prepare(r, owned); !s)
        return s;
    bool scaling = isScalingEvent(r);
    if (paused || scaling) {
        Status s = scaleProportionally(r);
        if (s && paused)
            s = cleanup(r);
        Status st = syncStatus(r);
        if (st)
            st = syncRevision(r);
        return s ? st : s;
    }
    Status s = recreating ? this->recreate(r) : rollingUpdate(r);
    if (s)
        s = cleanup(r);
    Status st = syncStatus(r);
    if (st)
        st = syncRevision(r);
    return s ? st : s;
}

std::vector<Json> DeploymentController::claimReplicaSets(const Json &d,
                                                         const model::LabelSelector &selector,
                                                         Status &error) {
    std::vector<Json> owned;
    auto ctx = controllerContext();
    std::string uid = metaString(d, "uid");
    for (const auto &cached : m_replicaSets.byIndex(kIndexNamespace, metaString(d, "namespace"))) {
        const Json &rs = *cached;
        const Json *ref = controllerRefOf(rs);
        bool matches = selector.matches(labelsOf(rs));
        bool mine = ref && ref->value("uid", std::string()) == uid;
        if (mine && matches) {
            owned.push_back(rs);
            continue;
        }
        if ((ref && !mine) || (!mine && (!matches || isTerminating(rs))))
            continue;
        Json copy = rs;
        Json refs = Json::array();
        for (const auto &other : ownerRefsOf(rs))
            if (other.value("uid", std::string()) != uid)
                refs.push_back(other);
        if (!mine)
            refs.push_back(makeOwnerRef(d, true, true)); // adopt an orphan
        copy["metadata"]["ownerReferences"] = refs;
        auto updated =
            m_api.update(rsType(), metaString(rs, "namespace"), metaString(rs, "name"), copy, ctx);
        if (!updated) {
            if (updated.status().code() != StatusCode::NotFound)
                error = updated.status();
            continue;
        }
        if (!mine)
            owned.push_back(*updated);
    }
    return owned;
}

Status DeploymentController::prepare(Rollout &r, const std::vector<Json> &owned) {
    Json wanted = templateForHash(at(r.deployment, {"spec", "template"}));
    std::string hash = hashOf(wanted);
    int64_t maxOldRevision = 0;
    std::vector<Json> old;
    for (const auto &rs : owned) {
        bool isNew = templateForHash(at(rs, {"spec", "template"})) == wanted ||
                     stringAt(rs, {"metadata", "labels", kPodTemplateHashLabel}) == hash;
        if (isNew && !r.newRs) {
            r.newRs = rs;
            continue;
        }
        maxOldRevision = std::max(maxOldRevision, revisionOf(rs));
        old.push_back(rs);
    }
    // Oldest revision first (creation times tie within a second; revisions never do).
    std::sort(old.begin(), old.end(), [](const Json &a, const Json &b) {
        if (revisionOf(a) != revisionOf(b))
            return revisionOf(a) < revisionOf(b);
        return metaString(a, "name") < metaString(b, "name");
    });
    r.oldRses = std::move(old);
    int64_t revision = maxOldRevision + 1;
    r.nextRevision = revision;
    if (!r.newRs)
        return Status::ok();
    if (revisionOf(*r.newRs) >= revision)
        return Status::ok();
    // A template that went back to an old ReplicaSet (rollout undo) makes it the newest revision.
    Json copy = *r.newRs;
    copy["metadata"]["annotations"][kRevisionAnnotation] = std::to_string(revision);
    auto ctx = controllerContext();
    auto updated =
        m_api.update(rsType(), metaString(copy, "namespace"), metaString(copy, "name"), copy, ctx);
    if (!updated)
        return updated.status();
    r.newRs = *updated;
    m_events.record(r.deployment, "Normal", "DeploymentRollback",
                    "Rolled back deployment \"" + metaString(r.deployment, "name") +
                        "\" to revision " + std::to_string(revision));
    return Status::ok();
}

Status DeploymentController::createNewReplicaSet(Rollout &r, int64_t revision) {
    const Json &d = r.deployment;
    Json tmpl = templateForHash(at(d, {"spec", "template"}));
    std::string hash = hashOf(tmpl);
    tmpl["metadata"]["labels"][kPodTemplateHashLabel] = hash;
    Json selector = at(d, {"spec", "selector"});
    selector["matchLabels"][kPodTemplateHashLabel] = hash;
    int replicas = newReplicasForRollingUpdate(r);
    Json labels = tmpl["metadata"]["labels"];
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata",
                {{"name", metaString(d, "name") + "-" + hash},
                 {"namespace", metaString(d, "namespace")},
                 {"labels", labels},
                 {"annotations",
                  {{kRevisionAnnotation, std::to_string(revision)},
                   {kDesiredReplicasAnnotation, std::to_string(r.replicas)},
                   {kMaxReplicasAnnotation, std::to_string(r.replicas + r.maxSurge)}}},
                 {"ownerReferences", Json::array({makeOwnerRef(d, true, true)})}}},
               {"spec",
                {{"replicas", replicas},
                 {"minReadySeconds", intAt(d, {"spec", "minReadySeconds"}, 0)},
                 {"selector", selector},
                 {"template", tmpl}}}};
    auto ctx = controllerContext();
    auto created = m_api.create(rsType(), metaString(d, "namespace"), rs, ctx);
    if (!created && created.status().code() == StatusCode::AlreadyExists) {
        // Our own earlier create that the informer has not shown us yet, or a name collision.
        auto existing =
            m_api.get(rsType(), metaString(d, "namespace"), metaString(rs, "name"), ctx);
        if (!existing)
            return existing.status();
        const Json *ref = controllerRefOf(*existing);
        if (!ref || ref->value("uid", std::string()) != metaString(d, "uid"))
            return Status(StatusCode::AlreadyExists,
                          "replica set " + metaString(rs, "name") + " exists and is not ours");
        r.newRs = *existing;
        return Status::ok();
    }
    if (!created)
        return created.status();
    r.newRs = *created;
    r.createdNewRs = true;
    m_events.record(d, "Normal", "ScalingReplicaSet",
                    "Scaled up replica set " + metaString(*created, "name") + " to " +
                        std::to_string(replicas));
    return Status::ok();
}

Status DeploymentController::scaleReplicaSet(Rollout &r, Json &rs, int replicas) {
    std::string desired = std::to_string(r.replicas);
    std::string max = std::to_string(r.replicas + r.maxSurge);
    int current = specReplicas(rs);
    if (current == replicas && annotation(rs, kDesiredReplicasAnnotation) == desired &&
        annotation(rs, kMaxReplicasAnnotation) == max)
        return Status::ok();
    Json copy = rs;
    copy["spec"]["replicas"] = replicas;
    copy["metadata"]["annotations"][kDesiredReplicasAnnotation] = desired;
    copy["metadata"]["annotations"][kMaxReplicasAnnotation] = max;
    auto ctx = controllerContext();
    auto updated =
        m_api.update(rsType(), metaString(rs, "namespace"), metaString(rs, "name"), copy, ctx);
    if (!updated)
        return updated.status();
    rs = *updated;
    if (current != replicas)
        m_events.record(r.deployment, "Normal", "ScalingReplicaSet",
                        std::string(replicas > current ? "Scaled up" : "Scaled down") +
                            " replica set " + metaString(rs, "name") + " to " +
                            std::to_string(replicas) + " from " + std::to_string(current));
    return Status::ok();
}

} // namespace cox::controllers
