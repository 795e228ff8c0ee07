// The coxswain.io/v1 endpoints that need the in-process scheduler:
//   - SchedulingExplanation (create-only, not stored): for an existing pod (spec.podName) or a
//     pod object (spec.pod), every node's verdict with reasons and scores (status).
//   - PodMove admission: a move is refused before it is stored when the pod is missing (404),
//     already being moved (409), already on the target, or the target does not fit (422, with
//     the scheduler's reasons as causes); an admitted move starts in status.phase Pending and
//     the PodMove controller carries it out.
#pragma once

#include "apiserver/resource_service.h"
#include "controlplane/scheduler_runner.h"

namespace cox::controlplane {

void registerSchedulingApi(apiserver::ResourceService &api, SchedulerRunner &scheduler);

} // namespace cox::controlplane
