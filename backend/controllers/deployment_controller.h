// DeploymentController: rolls a Deployment's pod template out through ReplicaSets.
// The ReplicaSet whose template equals the Deployment's is the "new" one (named
// "<deploy>-<pod-template-hash>", labelled pod-template-hash); every other owned ReplicaSet is
// "old". RollingUpdate grows the new one and shrinks old ones within maxSurge/maxUnavailable;
// Recreate scales old ones to zero and waits for their pods to be gone before scaling up.
// Revisions (deployment.kubernetes.io/revision) make `kubectl rollout undo` work: a template
// that matches an old ReplicaSet makes that one new again, with revision max+1.
// Status and the Available/Progressing conditions are what `kubectl rollout status` reads.
#pragma once

#include "controllers/controller.h"
#include "controllers/event_recorder.h"
#include "controllers/shared_informers.h"
#include "model/label_selector.h"

#include <optional>

namespace cox::controllers {

inline constexpr const char *kRevisionAnnotation = "deployment.kubernetes.io/revision";
inline constexpr const char *kDesiredReplicasAnnotation =
    "deployment.kubernetes.io/desired-replicas";
inline constexpr const char *kMaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
inline constexpr const char *kPodTemplateHashLabel = "pod-template-hash";

class DeploymentController final : public Controller {
public:
    DeploymentController(apiserver::ResourceService &api, SharedInformers &informers,
                         EventRecorder &events);
    ~DeploymentController() override;

protected:
    Status reconcile(const std::string &key) override;

private:
    // One reconcile's view: the deployment and its ReplicaSets (copies, freshly written ones
    // replace cached ones so later steps see them).
    struct Rollout {
        Json deployment;
        std::optional<Json> newRs;
        std::vector<Json> oldRses; // oldest first
        int replicas = 0;
        int maxSurge = 0;
        int maxUnavailable = 0;
        bool createdNewRs = false;
        int64_t nextRevision = 1;
        std::string key;
    };

    std::vector<Json> claimReplicaSets(const Json &d, const model::LabelSelector &selector,
                                       Status &error);
    // Splits owned ReplicaSets into new and old and fixes the new one's revision.
    Status prepare(Rollout &r, const std::vector<Json> &owned);
    Status createNewReplicaSet(Rollout &r, int64_t revision);
    Status scaleReplicaSet(Rollout &r, Json &rs, int replicas);
    // deployment_rollout.cpp
    Status rollingUpdate(Rollout &r);
    Status recreate(Rollout &r);
    Status scaleProportionally(Rollout &r);
    bool isScalingEvent(const Rollout &r) const;
    Status cleanup(Rollout &r);
    int newReplicasForRollingUpdate(const Rollout &r) const;
    bool oldPodsRunning(const Rollout &r) const;
    // deployment_status.cpp
    Status syncStatus(Rollout &r);
    Status syncRevision(const Rollout &r);
    Json calculateConditions(const Rollout &r, const Json &oldStatus, const Json &status) const;

    void enqueueOwner(const Json &rs);
    void enqueueMatching(const Json &rs);

    apiserver::ResourceService &m_api;
    Informer &m_deployments;
    Informer &m_replicaSets;
    Informer &m_pods;
    EventRecorder &m_events;
};

// The template without the pod-template-hash label, as compared and hashed.
Json templateForHash(const Json &tmpl);

} // namespace cox::controllers
