// DeploymentController: status and the Available/Progressing conditions, including the progress
// deadline. See deployment_controller.h.
#include "controllers/deployment_controller.h"

#include "controllers/object_util.h"

#include <algorithm>

namespace cox::controllers {

namespace {
int64_t statusInt(const Json &o, const char *field) {
    return intAt(o, {"status", field}, 0);
}

Json *findCondition(Json &conditions, const std::string &type) {
    for (auto &c : conditions)
        if (c.is_object() && c.value("type", std::string()) == type)
            return &c;
    return nullptr;
}

// Kubernetes' SetDeploymentCondition: the transition time moves only when the status does;
// `touch` refreshes lastUpdateTime even when nothing else changed (progress was made).
void setCondition(Json &conditions, const std::string &type, const std::string &status,
                  const std::string &reason, const std::string &message, const std::string &now,
                  bool touch) {
    Json *existing = findCondition(conditions, type);
    if (existing && (*existing)["status"] == status && (*existing)["reason"] == reason &&
        (*existing)["message"] == message && !touch)
        return;
    Json c = {{"type", type},       {"status", status},      {"reason", reason},
              {"message", message}, {"lastUpdateTime", now}, {"lastTransitionTime", now}};
    if (existing && (*existing)["status"] == status)
        c["lastTransitionTime"] = (*existing)["lastTransitionTime"];
    if (existing)
        *existing = std::move(c);
    else
        conditions.push_back(std::move(c));
}
} // namespace

Json DeploymentController::calculateConditions(const Rollout &r, const Json &oldStatus,
                                               const Json &status) const {
    Json conditions = oldStatus.value("conditions", Json::array());
    if (!conditions.is_array())
        conditions = Json::array();
    WallTime nowTime = m_api.clock().now();
    std::string now = formatRfc3339(nowTime);
    int64_t available = status["availableReplicas"].get<int64_t>();
    if (available >= r.replicas - r.maxUnavailable)
        setCondition(conditions, "Available", "True", "MinimumReplicasAvailable",
                     "Deployment has minimum availability.", now, false);
    else
        setCondition(conditions, "Available", "False", "MinimumReplicasUnavailable",
                     "Deployment does not have minimum availability.", now, false);

    const Json &d = r.deployment;
    if (at(d, {"spec", "paused"}) == true) {
        setCondition(conditions, "Progressing", "Unknown", "DeploymentPaused",
                     "Deployment is paused", now, false);
        return conditions;
    }
    Json *progressing = findCondition(conditions, "Progressing");
    if (progressing && (*progressing)["reason"] == "DeploymentPaused")
        setCondition(conditions, "Progressing", "Unknown", "DeploymentResumed",
                     "Deployment is resumed", now, false);
    if (!r.newRs)
        return conditions;
    std::string rsName = metaString(*r.newRs, "name");
    bool complete = status["updatedReplicas"] == r.replicas && status["replicas"] == r.replicas &&
                    available >= r.replicas;
    auto grew = [&](const char *field) {
        return status[field].get<int64_t>() > oldStatus.value(field, int64_t(0));
    };
    bool progressed = grew("updatedReplicas") || grew("readyReplicas") ||
                      grew("availableReplicas") ||
                      status["replicas"].get<int64_t>() - status["updatedReplicas"].get<int64_t>() <
                          oldStatus.value("replicas", int64_t(0)) -
                              oldStatus.value("updatedReplicas", int64_t(0));
    progressing = findCondition(conditions, "Progressing");
    if (complete) {
        setCondition(conditions, "Progressing", "True", "NewReplicaSetAvailable",
                     "ReplicaSet \"" + rsName + "\" has successfully progressed.", now, false);
    } else if (r.createdNewRs) {
        setCondition(conditions, "Progressing", "True", "NewReplicaSetCreated",
                     "Created new replica set \"" + rsName + "\"", now, false);
    } else if (progressed) {
        setCondition(conditions, "Progressing", "True", "ReplicaSetUpdated",
                     "ReplicaSet \"" + rsName + "\" is progressing.", now, true);
    } else if (!progressing) {
        setCondition(conditions, "Progressing", "True", "FoundNewReplicaSet",
                     "Found new replica set \"" + rsName + "\"", now, false);
    } else if ((*progressing)["status"] == "True") {
        int64_t deadline = intAt(d, {"spec", "progressDeadlineSeconds"}, 600);
        WallTime last;
        if (parseRfc3339((*progressing).value("lastUpdateTime", std::string()), last) &&
            last + std::chrono::seconds(deadline) < nowTime)
            setCondition(conditions, "Progressing", "False", "ProgressDeadlineExceeded",
                         "ReplicaSet \"" + rsName + "\" has timed out progressing.", now, false);
    }
    return conditions;
}

Status DeploymentController::syncStatus(Rollout &r) {
    const Json &d = r.deployment;
    Json oldStatus = at(d, {"status"}).is_object() ? d["status"] : Json::object();
    int64_t replicas = 0, ready = 0, available = 0;
    auto add = [&](const Json &rs) {
        replicas += statusInt(rs, "replicas");
        ready += statusInt(rs, "readyReplicas");
        available += statusInt(rs, "availableReplicas");
    };
    if (r.newRs)
        add(*r.newRs);
    for (const auto &rs : r.oldRses)
        add(rs);
    Json status = oldStatus;
    status["observedGeneration"] = generationOf(d);
    status["replicas"] = replicas;
    status["updatedReplicas"] = r.newRs ? statusInt(*r.newRs, "replicas") : 0;
    status["readyReplicas"] = ready;
    status["availableReplicas"] = available;
    status["unavailableReplicas"] = std::max<int64_t>(0, r.replicas - available);
    status["conditions"] = calculateConditions(r, oldStatus, status);

    // The progress deadline passes with time alone: look again when it would.
    Json *progressing = findCondition(status["conditions"], "Progressing");
    if (progressing && (*progressing)["status"] == "True" &&
        (*progressing)["reason"] != "NewReplicaSetAvailable") {
        int64_t deadline = intAt(d, {"spec", "progressDeadlineSeconds"}, 600);
        queue().addAfter(r.key, std::chrono::seconds(deadline + 1));
    }
    if (status == oldStatus)
        return Status::ok();
    Json copy = d;
    copy["status"] = std::move(status);
    auto ctx = controllerContext();
    auto updated =
        m_api.updateStatus(resourceType("apps", "deployments"), metaString(d, "namespace"),
                           metaString(d, "name"), std::move(copy), ctx);
    if (!updated && updated.status().code() == StatusCode::NotFound)
        return Status::ok();
    return updated.status();
}

// Kubernetes mirrors the newest ReplicaSet's revision on the Deployment; kubectl rollout reads it.
// A metadata-only patch: the generation does not move.
Status DeploymentController::syncRevision(const Rollout &r) {
    if (!r.newRs)
        return Status::ok();
    std::string revision = annotation(*r.newRs, kRevisionAnnotation);
    if (revision.empty() || annotation(r.deployment, kRevisionAnnotation) == revision)
        return Status::ok();
    Json patch = {{"metadata", {{"annotations", {{kRevisionAnnotation, revision}}}}}};
    auto ctx = controllerContext();
    auto updated = m_api.patch(
        resourceType("apps", "deployments"), metaString(r.deployment, "namespace"),
        metaString(r.deployment, "name"), apiserver::PatchType::Merge, patch.dump(), ctx);
    if (!updated && updated.status().code() == StatusCode::NotFound)
        return Status::ok();
    return updated.status();
}

} // namespace cox::controllers
