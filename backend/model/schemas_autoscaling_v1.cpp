// autoscaling/v1 HorizontalPodAutoscaler: the single-CPU-target form `kubectl autoscale` posts.
// Objects are stored as autoscaling/v2; this schema only checks v1 request bodies and drives
// strategic merge patches applied to the v1 form (model/served_version.h).
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string v1(const char *name) {
    return std::string("io.k8s.api.autoscaling.v1.") + name;
}
} // namespace

const Schema *horizontalPodAutoscalerV1() {
    static const Schema *ref = object(v1("CrossVersionObjectReference"),
                                      "CrossVersionObjectReference contains enough information to "
                                      "let you identify the referred resource.")
                                   .field("apiVersion", string())
                                   .required("kind", string())
                                   .required("name", string())
                                   .build();
    static const Schema *spec =
        object(v1("HorizontalPodAutoscalerSpec"), "specification of a horizontal pod autoscaler.")
            .required("maxReplicas", int32())
            .field("minReplicas", int32())
            .required("scaleTargetRef", ref)
            .field("targetCPUUtilizationPercentage", int32())
            .build();
    static const Schema *status =
        object(v1("HorizontalPodAutoscalerStatus"), "current status of a horizontal pod "
                                                    "autoscaler")
            .field("currentCPUUtilizationPercentage", int32())
            .required("currentReplicas", int32())
            .required("desiredReplicas", int32())
            .field("lastScaleTime", dateTime())
            .field("observedGeneration", int64())
            .build();
    static const Schema *s = object(v1("HorizontalPodAutoscaler"), "configuration of a horizontal "
                                                                   "pod autoscaler.")
                                 .typeMeta()
                                 .field("spec", spec)
                                 .field("status", status)
                                 .build();
    return s;
}

} // namespace cox::model::schemas
