// DeploymentController: the strategies (RollingUpdate, Recreate), proportional scaling and
// revision history cleanup. See deployment_controller.h.
#include "controllers/deployment_controller.h"

#include "controllers/object_util.h"

#include <algorithm>
#include <cmath>

namespace cox::controllers {

namespace {
int specReplicas(const Json &rs) {
    return static_cast<int>(intAt(rs, {"spec", "replicas"}, 1));
}
int statusInt(const Json &rs, const char *field) {
    return static_cast<int>(intAt(rs, {"status", field}, 0));
}
// Pods an RS may still have: its spec, or more while a scale-down is being carried out.
int podsOf(const Json &rs) {
    return std::max(specReplicas(rs), statusInt(rs, "replicas"));
}
// Available pods an RS will keep: a status not yet caught up with a scale-down does not count.
int availableOf(const Json &rs) {
    return std::min(specReplicas(rs), statusInt(rs, "availableReplicas"));
}
} // namespace

int DeploymentController::newReplicasForRollingUpdate(const Rollout &r) const {
    int current = r.newRs ? specReplicas(*r.newRs) : 0;
    if (current >= r.replicas)
        return r.replicas;
    int total = r.newRs ? podsOf(*r.newRs) : 0;
    for (const auto &rs : r.oldRses)
        total += podsOf(rs);
    int maxTotal = r.replicas + r.maxSurge;
    if (total >= maxTotal)
        return current;
    return current + std::min(maxTotal - total, r.replicas - current);
}

Status DeploymentController::rollingUpdate(Rollout &r) {
    if (!r.newRs) {
        if (Status s = createNewReplicaSet(r, r.nextRevision); !s)
            return s;
    } else if (Status s = scaleReplicaSet(r, *r.newRs, newReplicasForRollingUpdate(r)); !s) {
        return s;
    }
    int oldCount = 0;
    for (const auto &rs : r.oldRses)
        oldCount += podsOf(rs);
    if (oldCount == 0)
        return Status::ok();
    const Json &newRs = *r.newRs;
    int minAvailable = r.replicas - r.maxUnavailable;
    int newUnavailable = std::max(0, specReplicas(newRs) - statusInt(newRs, "availableReplicas"));
    int maxScaledDown = oldCount + specReplicas(newRs) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0)
        return Status::ok();
    // Unhealthy old pods go first: removing them costs no availability.
    for (auto &rs : r.oldRses) {
        int unhealthy = specReplicas(rs) - statusInt(rs, "availableReplicas");
        if (maxScaledDown <= 0 || unhealthy <= 0)
            continue;
        int down = std::min(maxScaledDown, unhealthy);
        if (Status s = scaleReplicaSet(r, rs, specReplicas(rs) - down); !s)
            return s;
        maxScaledDown -= down;
    }
    int available = availableOf(newRs);
    for (const auto &rs : r.oldRses)
        available += availableOf(rs);
    int budget = std::min(available - minAvailable, maxScaledDown);
    for (auto &rs : r.oldRses) {
        if (budget <= 0)
            break;
        int down = std::min(specReplicas(rs), budget);
        if (down == 0)
            continue;
        if (Status s = scaleReplicaSet(r, rs, specReplicas(rs) - down); !s)
            return s;
        budget -= down;
    }
    return Status::ok();
}

bool DeploymentController::oldPodsRunning(const Rollout &r) const {
    for (const auto &rs : r.oldRses) {
        if (statusInt(rs, "replicas") > 0)
            return true;
        for (const auto &pod : m_pods.byIndex(kIndexOwnerUid, metaString(rs, "uid"))) {
            std::string phase = podPhase(*pod);
            if (phase != "Succeeded" && phase != "Failed")
                return true;
        }
    }
    return false;
}

Status DeploymentController::recreate(Rollout &r) {
    bool scaledDown = false;
    for (auto &rs : r.oldRses) {
        if (specReplicas(rs) == 0)
            continue;
        if (Status s = scaleReplicaSet(r, rs, 0); !s)
            return s;
        scaledDown = true;
    }
    // New pods start only once every old one is gone (their deletion re-queues us).
    if (scaledDown || oldPodsRunning(r))
        return Status::ok();
    if (!r.newRs)
        return createNewReplicaSet(r, r.nextRevision);
    return scaleReplicaSet(r, *r.newRs, r.replicas);
}

bool DeploymentController::isScalingEvent(const Rollout &r) const {
    std::string desired = std::to_string(r.replicas);
    auto differs = [&](const Json &rs) {
        std::string a = annotation(rs, kDesiredReplicasAnnotation);
        return specReplicas(rs) > 0 && !a.empty() && a != desired;
    };
    if (r.newRs && differs(*r.newRs))
        return true;
    return std::any_of(r.oldRses.begin(), r.oldRses.end(), differs);
}

Status DeploymentController::scaleProportionally(Rollout &r) {
    std::vector<Json *> active;
    if (r.newRs && specReplicas(*r.newRs) > 0)
        active.push_back(&*r.newRs);
    for (auto it = r.oldRses.rbegin(); it != r.oldRses.rend(); ++it)
        if (specReplicas(*it) > 0)
            active.push_back(&*it); // newest first: leftovers go to newer ones
    if (active.size() <= 1) {
        Json *target = !active.empty()      ? active[0]
                       : r.newRs            ? &*r.newRs
                       : !r.oldRses.empty() ? &r.oldRses.back()
                                            : nullptr;
        return target ? scaleReplicaSet(r, *target, r.replicas) : Status::ok();
    }
    int current = 0;
    for (Json *rs : active)
        current += specReplicas(*rs);
    int allowed = r.replicas + r.maxSurge;
    int toAdd = allowed - current;
    std::vector<int> sizes;
    int given = 0;
    for (Json *rs : active) {
        int share = static_cast<int>(std::trunc(double(specReplicas(*rs)) * toAdd / current));
        sizes.push_back(specReplicas(*rs) + share);
        given += share;
    }
    sizes[0] += toAdd - given; // the rounding leftover
    for (size_t i = 0; i < active.size(); ++i)
        if (Status s = scaleReplicaSet(r, *active[i], std::max(0, sizes[i])); !s)
            return s;
    return Status::ok();
}

Status DeploymentController::cleanup(Rollout &r) {
    int64_t limit = intAt(r.deployment, {"spec", "revisionHistoryLimit"}, 10);
    std::vector<size_t> idle;
    for (size_t i = 0; i < r.oldRses.size(); ++i) {
        const Json &rs = r.oldRses[i];
        if (specReplicas(rs) == 0 && statusInt(rs, "replicas") == 0 && !isTerminating(rs))
            idle.push_back(i);
    }
    if (static_cast<int64_t>(idle.size()) <= limit)
        return Status::ok();
    size_t excess = idle.size() - static_cast<size_t>(limit);
    auto ctx = controllerContext();
    std::vector<std::string> removed;
    for (size_t n = 0; n < excess; ++n) { // oldest first
        const Json &rs = r.oldRses[idle[n]];
        auto gone = m_api.remove(resourceType("apps", "replicasets"), metaString(rs, "namespace"),
                                 metaString(rs, "name"), {}, ctx);
        if (!gone && gone.status().code() != StatusCode::NotFound)
            return gone.status();
        removed.push_back(metaString(rs, "name"));
    }
    std::erase_if(r.oldRses, [&](const Json &rs) {
        return std::find(removed.begin(), removed.end(), metaString(rs, "name")) != removed.end();
    });
    return Status::ok();
}

} // namespace cox::controllers
