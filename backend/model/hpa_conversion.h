// Conversion between the stored autoscaling/v2 HorizontalPodAutoscaler and its autoscaling/v1
// form, as Kubernetes' pkg/apis/autoscaling/v1 conversion does it: v1 keeps one CPU utilization
// target and one current CPU figure; everything else v2 can say (other metrics, behavior,
// conditions, all current metrics) rides in "autoscaling.alpha.kubernetes.io/..." annotations as
// JSON text of the v2 structures, so a v1 read-modify-write of a v2 object loses nothing.
#pragma once

#include "model/json.h"

namespace cox::model {

// Annotation keys Kubernetes uses for the round trip.
inline constexpr const char *kHpaMetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
inline constexpr const char *kHpaConditionsAnnotation =
    "autoscaling.alpha.kubernetes.io/conditions";
inline constexpr const char *kHpaCurrentMetricsAnnotation =
    "autoscaling.alpha.kubernetes.io/current-metrics";
inline constexpr const char *kHpaBehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";

// A stored (v2) object as autoscaling/v1. Pre-existing round-trip annotations are replaced by the
// ones this conversion writes. Objects that are not JSON objects come back unchanged.
Json hpaV2ToV1(const Json &v2);

// A v1 object as autoscaling/v2. The round-trip annotations are read and removed; text in them
// that does not parse as the v2 structure is dropped (Kubernetes ignores it too). No metrics in
// the result when v1 names no CPU target and carries no metrics annotation: defaulting then adds
// the 80% CPU target, as for a v2 object without metrics.
Json hpaV1ToV2(const Json &v1);

} // namespace cox::model
