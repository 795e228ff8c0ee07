// core/v1 Pod: PodSpec, PodStatus, PodTemplateSpec and the Pod kind itself, plus the Binding and
// Eviction bodies posted to pod subresources.
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string core(const char *name) {
    return std::string("io.k8s.api.core.v1.") + name;
}

const Schema *podDnsConfig() {
    static const Schema *option =
        object(core("PodDNSConfigOption"), "PodDNSConfigOption defines DNS resolver options of a "
                                           "pod.")
            .field("name", string())
            .field("value", string())
            .build();
    static const Schema *s =
        object(core("PodDNSConfig"), "PodDNSConfig defines the DNS parameters of a pod in "
                                     "addition to those generated from DNSPolicy.")
            .field("nameservers", stringList())
            .field("options", listOf(option))
            .field("searches", stringList())
            .build();
    return s;
}

const Schema *namedOnly(const char *component, const char *field, const char *description) {
    return object(core(component), description).required(field, string()).build();
}

const Schema *podResourceClaim() {
    static const Schema *s =
        object(core("PodResourceClaim"), "PodResourceClaim references exactly one "
                                         "ResourceClaim.")
            .required("name", string())
            .field("resourceClaimName", string())
            .field("resourceClaimTemplateName", string())
            .build();
    return s;
}

const Schema *hostAlias() {
    static const Schema *s =
        object(core("HostAlias"), "HostAlias holds the mapping between IP and hostnames that will "
                                  "be injected as an entry in the pod's hosts file.")
            .field("hostnames", stringList())
            .required("ip", string())
            .build();
    return s;
}

const Schema *containerState() {
    static const Schema *waiting =
        object(core("ContainerStateWaiting"), "ContainerStateWaiting is a waiting state of a "
                                              "container.")
            .field("message", string())
            .field("reason", string())
            .build();
    static const Schema *running =
        object(core("ContainerStateRunning"), "ContainerStateRunning is a running state of a "
                                              "container.")
            .field("startedAt", dateTime())
            .build();
    static const Schema *terminated = object(core("ContainerStateTerminated"),
                                             "ContainerStateTerminated is a terminated state of "
                                             "a container.")
                                          .field("containerID", string())
                                          .required("exitCode", int32())
                                          .field("finishedAt", dateTime())
                                          .field("message", string())
                                          .field("reason", string())
                                          .field("signal", int32())
                                          .field("startedAt", dateTime())
                                          .build();
    static const Schema *s =
        object(core("ContainerState"), "ContainerState holds a possible state of container.")
            .field("running", running)
            .field("terminated", terminated)
            .field("waiting", waiting)
            .build();
    return s;
}

const Schema *containerStatus() {
    static const Schema *s =
        object(core("ContainerStatus"), "ContainerStatus contains details for the current status "
                                        "of this container.")
            .field("allocatedResources", mapOf(quantity()))
            .field("allocatedResourcesStatus", any())
            .field("containerID", string())
            .required("image", string())
            .required("imageID", string())
            .field("lastState", containerState())
            .required("name", string())
            .required("ready", boolean())
            .field("resources", resourceRequirements())
            .required("restartCount", int32())
            .field("started", boolean())
            .field("state", containerState())
            .field("stopSignal", string())
            .field("user", any())
            .field("volumeMounts", any())
            .build();
    return s;
}

const Schema *podCondition() {
    static const Schema *s =
        object(core("PodCondition"), "PodCondition contains details for the current condition of "
                                     "this pod.")
            .field("lastProbeTime", dateTime())
            .field("lastTransitionTime", dateTime())
            .field("message", string())
            .field("observedGeneration", int64())
            .field("reason", string())
            .required("status", string())
            .required("type", string())
            .build();
    return s;
}

const Schema *podIp(const char *component) {
    return object(core(component), "An IP address allocated to the pod or host.")
        .required("ip", string())
        .build();
}

} // namespace

const Schema *podSpec() {
    static const Schema *s =
        object(core("PodSpec"), "PodSpec is a description of a pod.")
            .field("activeDeadlineSeconds", int64())
            .field("affinity", affinity())
            .field("automountServiceAccountToken", boolean())
            .required("containers", listOf(container(), "merge", "name"))
            .field("dnsConfig", podDnsConfig())
            .field("dnsPolicy",
                   stringEnum({"ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"}))
            .field("enableServiceLinks", boolean())
            .field("ephemeralContainers", listOf(ephemeralContainer(), "merge", "name"))
            .field("hostAliases", listOf(hostAlias(), "merge", "ip"))
            .field("hostIPC", boolean())
            .field("hostNetwork", boolean())
            .field("hostPID", boolean())
            .field("hostUsers", boolean())
            .field("hostname", string())
            .field("imagePullSecrets", listOf(localObjectReference(), "merge", "name"))
            .field("initContainers", listOf(container(), "merge", "name"))
            .field("nodeName", string())
            .field("nodeSelector", stringMap())
            .field("os", namedOnly("PodOS", "name", "PodOS defines the OS parameters of a pod."))
            .field("overhead", mapOf(quantity()))
            .field("preemptionPolicy", stringEnum({"Never", "PreemptLowerPriority"}))
            .field("priority", int32())
            .field("priorityClassName", string())
            .field("readinessGates",
                   listOf(namedOnly("PodReadinessGate", "conditionType",
                                    "PodReadinessGate contains the reference to a pod condition")))
            .field("resourceClaims", listOf(podResourceClaim(), "merge,retainKeys", "name"))
            .field("resources", resourceRequirements())
            .field("restartPolicy", stringEnum({"Always", "Never", "OnFailure"}))
            .field("runtimeClassName", string())
            .field("schedulerName", string())
            .field("schedulingGates",
                   listOf(namedOnly("PodSchedulingGate", "name",
                                    "PodSchedulingGate is associated to a Pod to guard its "
                                    "scheduling."),
                          "merge", "name"))
            .field("securityContext", podSecurityContext())
            .field("serviceAccount", string())
            .field("serviceAccountName", string())
            .field("setHostnameAsFQDN", boolean())
            .field("shareProcessNamespace", boolean())
            .field("subdomain", string())
            .field("terminationGracePeriodSeconds", int64())
            .field("tolerations", listOf(toleration()))
            .field("topologySpreadConstraints",
                   listOf(topologySpreadConstraint(), "merge", "topologyKey"))
            .field("volumes", listOf(volume(), "merge,retainKeys", "name"))
            .build();
    return s;
}

const Schema *podStatus() {
    static const Schema *s =
        object(core("PodStatus"), "PodStatus represents information about the status of a pod.")
            .field("conditions", listOf(podCondition(), "merge", "type"))
            .field("containerStatuses", listOf(containerStatus()))
            .field("ephemeralContainerStatuses", listOf(containerStatus()))
            .field("hostIP", string())
            .field("hostIPs", listOf(podIp("HostIP"), "merge", "ip"))
            .field("initContainerStatuses", listOf(containerStatus()))
            .field("message", string())
            .field("nominatedNodeName", string())
            .field("observedGeneration", int64())
            .field("phase", stringEnum({"Failed", "Pending", "Running", "Succeeded", "Unknown"}))
            .field("podIP", string())
            .field("podIPs", listOf(podIp("PodIP"), "merge", "ip"))
            .field("qosClass", stringEnum({"BestEffort", "Burstable", "Guaranteed"}))
            .field("reason", string())
            .field("resize", string())
            .field("resourceClaimStatuses", any())
            .field("startTime", dateTime())
            .build();
    return s;
}

const Schema *podTemplateSpec() {
    static const Schema *s =
        object(core("PodTemplateSpec"), "PodTemplateSpec describes the data a pod should have when "
                                        "created from a template")
            .field("metadata", objectMeta())
            .field("spec", podSpec())
            .build();
    return s;
}

const Schema *pod() {
    static const Schema *s =
        object(core("Pod"), "Pod is a collection of containers that can run on a host.")
            .typeMeta()
            .field("spec", podSpec())
            .field("status", podStatus())
            .build();
    return s;
}

const Schema *binding() {
    static const Schema *s =
        object(core("Binding"), "Binding ties one object to another; for example, a pod is bound "
                                "to a node by a scheduler.")
            .typeMeta()
            .required("target", objectReference())
            .build();
    return s;
}

const Schema *eviction() {
    static const Schema *s =
        object("io.k8s.api.policy.v1.Eviction",
               "Eviction evicts a pod from its node subject to certain policies and safety "
               "constraints.")
            .typeMeta()
            .field("deleteOptions", deleteOptions())
            .build();
    return s;
}

} // namespace cox::model::schemas
