// PodMoveController: carries out coxswain.io/v1 PodMoves ("move pod P to node N"), what the
// console's drag-to-reschedule creates. Admission (control plane) has already checked that N
// fits; this controller only executes, step by step, recording each step as an event:
//
// - A pending pod is simply bound to N.
// - A pod owned by a ReplicaSet moves make-before-break: a replacement owned by the same
//   ReplicaSet (annotated coxswain.io/replaces=P) is created bound to N; the ReplicaSet controller
//   counts the pair as one replica, so it neither deletes the replacement nor makes another pod.
//   P is deleted only once the replacement is Ready, so ready replicas never drop below spec.
//   A replacement that fails or is not Ready within the timeout is deleted again (rollback) and
//   the move Failed with the replacement's reason.
// - A bare pod (no controller) cannot exist twice under one name: it is deleted, then recreated
//   on N with the same name, labels and spec.
//
// status.phase: Pending -> Running -> Succeeded | Failed.
#pragma once

#include "controllers/controller.h"
#include "controllers/event_recorder.h"
#include "controllers/shared_informers.h"

#include <chrono>

namespace cox::controllers {

struct PodMoveOptions {
    // How long a replacement may take to become Ready before the move is rolled back.
    std::chrono::seconds readyTimeout{300};
    // How often a running move is looked at while nothing else wakes it.
    std::chrono::milliseconds recheck{2000};
};

class PodMoveController final : public Controller {
public:
    PodMoveController(apiserver::ResourceService &api, SharedInformers &informers,
                      EventRecorder &events, PodMoveOptions options = {});
    ~PodMoveController() override;

protected:
    Status reconcile(const std::string &key) override;

private:
    Status start(const Json &move, const Json *pod);
    Status startReplacement(const Json &move, const Json &pod);
    Status startRecreate(const Json &move, const Json &pod);
    Status bindPending(const Json &move, const Json &pod);
    Status progressReplacement(const Json &move, const std::string &key);
    Status progressRecreate(const Json &move, const std::string &key);
    Status recreate(const Json &move, const std::string &key);
    Status rollback(const Json &move, const Json &replacement, const std::string &why);

    Status setStatus(const Json &move, const Json &fields);
    Status finish(const Json &move, bool succeeded, const std::string &message);
    bool timedOut(const Json &move);
    Json podCopyOn(const Json &pod, const std::string &node, const Json &move) const;
    void enqueueMoveOf(const Json &pod);

    apiserver::ResourceService &m_api;
    EventRecorder &m_events;
    PodMoveOptions m_options;
    Informer &m_moves;
    Informer &m_pods;
};

} // namespace cox::controllers
