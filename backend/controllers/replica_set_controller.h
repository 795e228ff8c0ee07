// ReplicaSetController: keeps spec.replicas pods of a ReplicaSet's template running.
// It claims pods (adopts orphans that match the selector, releases owned pods that no longer
// match), creates missing pods in slow-start batches (1, 2, 4, ...) so a failing template costs
// one error rather than hundreds, deletes surplus pods cheapest-first (pod_ranking.h), and writes
// status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration).
// Expectations keep it from creating again while its own creates are still in flight.
#pragma once

#include "controllers/controller.h"
#include "controllers/event_recorder.h"
#include "controllers/expectations.h"
#include "controllers/shared_informers.h"
#include "model/label_selector.h"

namespace cox::controllers {

struct ReplicaSetOptions {
    int burstReplicas = 500; // most creates or deletes per reconcile
};

class ReplicaSetController final : public Controller {
public:
    ReplicaSetController(apiserver::ResourceService &api, SharedInformers &informers,
                         EventRecorder &events, ReplicaSetOptions options = {});
    ~ReplicaSetController() override;

protected:
    Status reconcile(const std::string &key) override;

private:
    std::vector<ObjectPtr> claimPods(const Json &rs, const model::LabelSelector &selector,
                                     Status &error);
    Status adopt(const Json &rs, const Json &pod);
    Status release(const Json &rs, const Json &pod);
    Status manageReplicas(const Json &rs, const std::vector<ObjectPtr> &active,
                          const std::string &key);
    Status createPods(const Json &rs, int count, const std::string &key);
    Status deletePods(std::vector<ObjectPtr> active, int count, const std::string &key);
    Status writeStatus(const Json &rs, const std::vector<ObjectPtr> &owned);

    void enqueueOwner(const Json &pod);
    void enqueueMatching(const Json &pod);
    void onPodAdd(const Json &pod);
    void onPodUpdate(const Json &oldPod, const Json &newPod);
    void onPodDelete(const Json &pod);

    apiserver::ResourceService &m_api;
    Informer &m_pods;
    Informer &m_replicaSets;
    EventRecorder &m_events;
    Expectations m_expectations;
    ReplicaSetOptions m_options;
};

} // namespace cox::controllers
