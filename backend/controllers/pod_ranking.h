// The order in which a ReplicaSet gives up pods when scaling down (Kubernetes'
// ActivePodsWithRanks): pods that cost least to lose go first.
#pragma once

#include "model/json.h"

namespace cox::controllers {

inline constexpr const char *kPodDeletionCost = "controller.kubernetes.io/pod-deletion-cost";

// True when `a` should be deleted before `b`: unscheduled before scheduled, Pending before
// Unknown before Running, not ready before ready, lower pod-deletion-cost first, ready for a
// shorter time first, more restarts first, newer before older.
bool deleteBefore(const model::Json &a, const model::Json &b);

} // namespace cox::controllers
