// apps/v1 Deployment and ReplicaSet, autoscaling/v1 Scale, autoscaling/v2 HorizontalPodAutoscaler
// and coordination.k8s.io/v1 Lease.
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string apps(const char *name) {
    return std::string("io.k8s.api.apps.v1.") + name;
}

std::string hpa(const char *name) {
    return std::string("io.k8s.api.autoscaling.v2.") + name;
}

// DeploymentCondition adds lastUpdateTime to the ReplicaSetCondition shape.
ObjectBuilder appsCondition(const char *component) {
    return std::move(object(apps(component), "Describes the state of a workload at a certain "
                                             "point.")
                         .field("lastTransitionTime", dateTime())
                         .field("message", string())
                         .field("reason", string())
                         .required("status", string())
                         .required("type", string()));
}

const Schema *deploymentStrategy() {
    static const Schema *rolling =
        object(apps("RollingUpdateDeployment"), "Spec to control the desired behavior of "
                                                "rolling update.")
            .field("maxSurge", intOrString())
            .field("maxUnavailable", intOrString())
            .build();
    static const Schema *s =
        object(apps("DeploymentStrategy"), "DeploymentStrategy describes how to replace existing "
                                           "pods with new ones.")
            .patchStrategy("retainKeys")
            .field("rollingUpdate", rolling)
            .field("type", stringEnum({"Recreate", "RollingUpdate"}))
            .build();
    return s;
}

const Schema *metricTarget() {
    static const Schema *s =
        object(hpa("MetricTarget"), "MetricTarget defines the target value, average value, or "
                                    "average utilization of a specific metric")
            .field("averageUtilization", int32())
            .field("averageValue", quantity())
            .required("type", stringEnum({"AverageValue", "Utilization", "Value"}))
            .field("value", quantity())
            .build();
    return s;
}

const Schema *metricIdentifier() {
    static const Schema *s =
        object(hpa("MetricIdentifier"), "MetricIdentifier defines the name and optionally "
                                        "selector for a metric")
            .required("name", string())
            .field("selector", labelSelector())
            .build();
    return s;
}

const Schema *crossVersionObjectReference() {
    static const Schema *s = object(hpa("CrossVersionObjectReference"),
                                    "CrossVersionObjectReference contains enough information to "
                                    "let you identify the referred resource.")
                                 .field("apiVersion", string())
                                 .required("kind", string())
                                 .required("name", string())
                                 .build();
    return s;
}

const Schema *metricSpec() {
    static const Schema *resource =
        object(hpa("ResourceMetricSource"), "ResourceMetricSource indicates how to scale on a "
                                            "resource metric known to Kubernetes.")
            .required("name", string())
            .required("target", metricTarget())
            .build();
    static const Schema *containerResource =
        object(hpa("ContainerResourceMetricSource"), "ContainerResourceMetricSource indicates "
                                                     "how to scale on a resource metric of one "
                                                     "container.")
            .required("container", string())
            .required("name", string())
            .required("target", metricTarget())
            .build();
    static const Schema *pods =
        object(hpa("PodsMetricSource"), "PodsMetricSource indicates how to scale on a metric "
                                        "describing each pod in the current scale target.")
            .required("metric", metricIdentifier())
            .required("target", metricTarget())
            .build();
    static const Schema *objectSource =
        object(hpa("ObjectMetricSource"), "ObjectMetricSource indicates how to scale on a metric "
                                          "describing a kubernetes object.")
            .required("describedObject", crossVersionObjectReference())
            .required("metric", metricIdentifier())
            .required("target", metricTarget())
            .build();
    static const Schema *external =
        object(hpa("ExternalMetricSource"), "ExternalMetricSource indicates how to scale on a "
                                            "metric not associated with any Kubernetes object.")
            .required("metric", metricIdentifier())
            .required("target", metricTarget())
            .build();
    static const Schema *s =
        object(hpa("MetricSpec"), "MetricSpec specifies how to scale based on a single metric.")
            .field("containerResource", containerResource)
            .field("external", external)
            .field("object", objectSource)
            .field("pods", pods)
            .field("resource", resource)
            .required("type",
                      stringEnum({"ContainerResource", "External", "Object", "Pods", "Resource"}))
            .build();
    return s;
}

const Schema *hpaBehavior() {
    static const Schema *policy =
        object(hpa("HPAScalingPolicy"), "HPAScalingPolicy is a single policy which must hold true "
                                        "for a specified past interval.")
            .required("periodSeconds", int32())
            .required("type", stringEnum({"Percent", "Pods"}))
            .required("value", int32())
            .build();
    static const Schema *rules =
        object(hpa("HPAScalingRules"), "HPAScalingRules configures the scaling behavior for one "
                                       "direction.")
            .field("policies", listOf(policy))
            .field("selectPolicy", stringEnum({"Disabled", "Max", "Min"}))
            .field("stabilizationWindowSeconds", int32())
            .field("tolerance", quantity())
            .build();
    static const Schema *s = object(hpa("HorizontalPodAutoscalerBehavior"),
                                    "HorizontalPodAutoscalerBehavior configures the scaling "
                                    "behavior of the target in both Up and Down directions.")
                                 .field("scaleDown", rules)
                                 .field("scaleUp", rules)
                                 .build();
    return s;
}

const Schema *hpaStatus() {
    static const Schema *value =
        object(hpa("MetricValueStatus"), "MetricValueStatus holds the current value for a metric")
            .field("averageUtilization", int32())
            .field("averageValue", quantity())
            .field("value", quantity())
            .build();
    static const Schema *resource =
        object(hpa("ResourceMetricStatus"), "ResourceMetricStatus indicates the current value of "
                                            "a resource metric known to Kubernetes.")
            .required("current", value)
            .required("name", string())
            .build();
    static const Schema *metricStatus =
        object(hpa("MetricStatus"), "MetricStatus describes the last-read state of a single "
                                    "metric.")
            .field("containerResource", any())
            .field("external", any())
            .field("object", any())
            .field("pods", any())
            .field("resource", resource)
            .required("type", string())
            .build();
    static const Schema *condition =
        object(hpa("HorizontalPodAutoscalerCondition"), "HorizontalPodAutoscalerCondition "
                                                        "describes the state of a "
                                                        "HorizontalPodAutoscaler at a certain "
                                                        "point.")
            .field("lastTransitionTime", dateTime())
            .field("message", string())
            .field("reason", string())
            .required("status", string())
            .required("type", string())
            .build();
    static const Schema *s = object(hpa("HorizontalPodAutoscalerStatus"),
                                    "HorizontalPodAutoscalerStatus describes the current status "
                                    "of a horizontal pod autoscaler.")
                                 .field("conditions", listOf(condition, "merge", "type"))
                                 .field("currentMetrics", listOf(metricStatus))
                                 .field("currentReplicas", int32())
                                 .required("desiredReplicas", int32())
                                 .field("lastScaleTime", dateTime())
                                 .field("observedGeneration", int64())
                                 .build();
    return s;
}

} // namespace

const Schema *deployment() {
    static const Schema *spec =
        object(apps("DeploymentSpec"), "DeploymentSpec is the specification of the desired "
                                       "behavior of the Deployment.")
            .field("minReadySeconds", int32())
            .field("paused", boolean())
            .field("progressDeadlineSeconds", int32())
            .field("replicas", int32())
            .field("revisionHistoryLimit", int32())
            .required("selector", labelSelector())
            .field("strategy", deploymentStrategy())
            .required("template", podTemplateSpec())
            .build();
    static const Schema *status =
        object(apps("DeploymentStatus"), "DeploymentStatus is the most recently observed status "
                                         "of the Deployment.")
            .field("availableReplicas", int32())
            .field("collisionCount", int32())
            .field("conditions", listOf(appsCondition("DeploymentCondition")
                                            .field("lastUpdateTime", dateTime())
                                            .build(),
                                        "merge", "type"))
            .field("observedGeneration", int64())
            .field("readyReplicas", int32())
            .field("replicas", int32())
            .field("terminatingReplicas", int32())
            .field("unavailableReplicas", int32())
            .field("updatedReplicas", int32())
            .build();
    static const Schema *s = object(apps("Deployment"), "Deployment enables declarative updates "
                                                        "for Pods and ReplicaSets.")
                                 .typeMeta()
                                 .field("spec", spec)
                                 .field("status", status)
                                 .build();
    return s;
}

const Schema *replicaSet() {
    static const Schema *spec =
        object(apps("ReplicaSetSpec"), "ReplicaSetSpec is the specification of a ReplicaSet.")
            .field("minReadySeconds", int32())
            .field("replicas", int32())
            .required("selector", labelSelector())
            .field("template", podTemplateSpec())
            .build();
    static const Schema *status =
        object(apps("ReplicaSetStatus"), "ReplicaSetStatus represents the current status of a "
                                         "ReplicaSet.")
            .field("availableReplicas", int32())
            .field("conditions",
                   listOf(appsCondition("ReplicaSetCondition").build(), "merge", "type"))
            .field("fullyLabeledReplicas", int32())
            .field("observedGeneration", int64())
            .field("readyReplicas", int32())
            .required("replicas", int32())
            .field("terminatingReplicas", int32())
            .build();
    static const Schema *s = object(apps("ReplicaSet"), "ReplicaSet ensures that a specified "
                                                        "number of pod replicas are running at "
                                                        "any given time.")
                                 .typeMeta()
                                 .field("spec", spec)
                                 .field("status", status)
                                 .build();
    return s;
}

const Schema *scale() {
    static const Schema *spec =
        object("io.k8s.api.autoscaling.v1.ScaleSpec", "ScaleSpec describes the attributes of a "
                                                      "scale subresource.")
            .field("replicas", int32())
            .build();
    static const Schema *status =
        object("io.k8s.api.autoscaling.v1.ScaleStatus", "ScaleStatus represents the current "
                                                        "status of a scale subresource.")
            .required("replicas", int32())
            .field("selector", string())
            .build();
    static const Schema *s =
        object("io.k8s.api.autoscaling.v1.Scale", "Scale represents a scaling request for a "
                                                  "resource.")
            .typeMeta()
            .field("spec", spec)
            .field("status", status)
            .build();
    return s;
}

const Schema *lease() {
    static const Schema *spec =
        object("io.k8s.api.coordination.v1.LeaseSpec", "LeaseSpec is a specification of a Lease.")
            .field("acquireTime", microTime())
            .field("holderIdentity", string())
            .field("leaseDurationSeconds", int32())
            .field("leaseTransitions", int32())
            .field("preferredHolder", string())
            .field("renewTime", microTime())
            .field("strategy", string())
            .build();
    static const Schema *s =
        object("io.k8s.api.coordination.v1.Lease", "Lease defines a lease concept.")
            .typeMeta()
            .field("spec", spec)
            .build();
    return s;
}

const Schema *horizontalPodAutoscaler() {
    static const Schema *spec =
        object(hpa("HorizontalPodAutoscalerSpec"), "HorizontalPodAutoscalerSpec describes the "
                                                   "desired functionality of the "
                                                   "HorizontalPodAutoscaler.")
            .field("behavior", hpaBehavior())
            .required("maxReplicas", int32())
            .field("metrics", listOf(metricSpec()))
            .field("minReplicas", int32())
            .required("scaleTargetRef", crossVersionObjectReference())
            .build();
    static const Schema *s =
        object(hpa("HorizontalPodAutoscaler"), "HorizontalPodAutoscaler is the configuration for "
                                               "a horizontal pod autoscaler.")
            .typeMeta()
            .field("spec", spec)
            .field("status", hpaStatus())
            .build();
    return s;
}

} // namespace cox::model::schemas
