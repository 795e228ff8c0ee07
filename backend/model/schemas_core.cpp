// core/v1 kinds other than Pod: Namespace, Node, Service, Endpoints, Event, ConfigMap, Secret.
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string core(const char *name) {
    return std::string("io.k8s.api.core.v1.") + name;
}

// NamespaceCondition, NodeCondition: the older core condition shape.
ObjectBuilder coreCondition(const char *component) {
    return std::move(object(core(component), "A condition of the object's current state.")
                         .field("lastTransitionTime", dateTime())
                         .field("message", string())
                         .field("reason", string())
                         .required("status", string())
                         .required("type", string()));
}

const Schema *metaV1Condition() {
    static const Schema *s =
        object("io.k8s.apimachinery.pkg.apis.meta.v1.Condition",
               "Condition contains details for one aspect of the current state of this API "
               "Resource.")
            .required("lastTransitionTime", dateTime())
            .required("message", string())
            .field("observedGeneration", int64())
            .required("reason", string())
            .required("status", string())
            .required("type", string())
            .build();
    return s;
}

const Schema *nodeStatus() {
    static const Schema *address =
        object(core("NodeAddress"), "NodeAddress contains information for the node's "
                                    "address.")
            .required("address", string())
            .required("type", string())
            .build();
    static const Schema *endpoint =
        object(core("DaemonEndpoint"), "DaemonEndpoint contains information about a single "
                                       "Daemon endpoint.")
            .required("Port", int32())
            .build();
    static const Schema *endpoints =
        object(core("NodeDaemonEndpoints"), "NodeDaemonEndpoints lists ports opened by daemons "
                                            "running on the Node.")
            .field("kubeletEndpoint", endpoint)
            .build();
    static const Schema *info =
        object(core("NodeSystemInfo"), "NodeSystemInfo is a set of ids/uuids to uniquely identify "
                                       "the node.")
            .required("architecture", string())
            .required("bootID", string())
            .required("containerRuntimeVersion", string())
            .required("kernelVersion", string())
            .required("kubeProxyVersion", string())
            .required("kubeletVersion", string())
            .required("machineID", string())
            .required("operatingSystem", string())
            .required("osImage", string())
            .field("swap", any())
            .required("systemUUID", string())
            .build();
    static const Schema *image = object(core("ContainerImage"), "Describe a container image")
                                     .field("names", stringList())
                                     .field("sizeBytes", int64())
                                     .build();
    static const Schema *s =
        object(core("NodeStatus"), "NodeStatus is information about the current status of a node.")
            .field("addresses", listOf(address, "merge", "type"))
            .field("allocatable", mapOf(quantity()))
            .field("capacity", mapOf(quantity()))
            .field(
                "conditions",
                listOf(
                    coreCondition("NodeCondition").field("lastHeartbeatTime", dateTime()).build(),
                    "merge", "type"))
            .field("config", any())
            .field("daemonEndpoints", endpoints)
            .field("features", any())
            .field("images", listOf(image))
            .field("nodeInfo", info)
            .field("phase", string())
            .field("runtimeHandlers", any())
            .field("volumesAttached", any())
            .field("volumesInUse", stringList())
            .build();
    return s;
}

const Schema *serviceSpec() {
    static const Schema *port =
        object(core("ServicePort"), "ServicePort contains information on service's port.")
            .field("appProtocol", string())
            .field("name", string())
            .field("nodePort", int32())
            .required("port", int32())
            .field("protocol", stringEnum({"SCTP", "TCP", "UDP"}))
            .field("targetPort", intOrString())
            .build();
    static const Schema *clientIp =
        object(core("ClientIPConfig"), "ClientIPConfig represents the configurations of "
                                       "Client IP based session affinity.")
            .field("timeoutSeconds", int32())
            .build();
    static const Schema *affinity =
        object(core("SessionAffinityConfig"), "SessionAffinityConfig represents the configurations "
                                              "of session affinity.")
            .field("clientIP", clientIp)
            .build();
    static const Schema *s =
        object(core("ServiceSpec"), "ServiceSpec describes the attributes that a user creates on "
                                    "a service.")
            .field("allocateLoadBalancerNodePorts", boolean())
            .field("clusterIP", string())
            .field("clusterIPs", stringList())
            .field("externalIPs", stringList())
            .field("externalName", string())
            .field("externalTrafficPolicy", stringEnum({"Cluster", "Local"}))
            .field("healthCheckNodePort", int32())
            .field("internalTrafficPolicy", stringEnum({"Cluster", "Local"}))
            .field("ipFamilies", stringList())
            .field("ipFamilyPolicy",
                   stringEnum({"PreferDualStack", "RequireDualStack", "SingleStack"}))
            .field("loadBalancerClass", string())
            .field("loadBalancerIP", string())
            .field("loadBalancerSourceRanges", stringList())
            .field("ports", listOf(port, "merge", "port"))
            .field("publishNotReadyAddresses", boolean())
            .field("selector", stringMap())
            .field("sessionAffinity", stringEnum({"ClientIP", "None"}))
            .field("sessionAffinityConfig", affinity)
            .field("trafficDistribution", string())
            .field("type", stringEnum({"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}))
            .build();
    return s;
}

const Schema *serviceStatus() {
    static const Schema *portStatus = object(core("PortStatus"), "PortStatus represents the "
                                                                 "error condition of a service "
                                                                 "port")
                                          .field("error", string())
                                          .required("port", int32())
                                          .required("protocol", string())
                                          .build();
    static const Schema *ingress =
        object(core("LoadBalancerIngress"), "LoadBalancerIngress represents the status of a "
                                            "load-balancer ingress point.")
            .field("hostname", string())
            .field("ip", string())
            .field("ipMode", string())
            .field("ports", listOf(portStatus))
            .build();
    static const Schema *lb =
        object(core("LoadBalancerStatus"), "LoadBalancerStatus represents the status of a "
                                           "load-balancer.")
            .field("ingress", listOf(ingress))
            .build();
    static const Schema *s =
        object(core("ServiceStatus"), "ServiceStatus represents the current status of a service.")
            .field("conditions", listOf(metaV1Condition(), "merge", "type"))
            .field("loadBalancer", lb)
            .build();
    return s;
}

} // namespace

const Schema *namespaceKind() {
    static const Schema *spec =
        object(core("NamespaceSpec"), "NamespaceSpec describes the attributes on a Namespace.")
            .field("finalizers", stringList())
            .build();
    static const Schema *status =
        object(core("NamespaceStatus"), "NamespaceStatus is information about the current status "
                                        "of a Namespace.")
            .field("conditions",
                   listOf(coreCondition("NamespaceCondition").build(), "merge", "type"))
            .field("phase", stringEnum({"Active", "Terminating"}))
            .build();
    static const Schema *s = object(core("Namespace"), "Namespace provides a scope for Names.")
                                 .typeMeta()
                                 .field("spec", spec)
                                 .field("status", status)
                                 .build();
    return s;
}

const Schema *node() {
    static const Schema *taint =
        object(core("Taint"), "The node this Taint is attached to has the \"effect\" on any pod "
                              "that does not tolerate the Taint.")
            .required("effect", stringEnum({"NoExecute", "NoSchedule", "PreferNoSchedule"}))
            .required("key", string())
            .field("timeAdded", dateTime())
            .field("value", string())
            .build();
    static const Schema *spec =
        object(core("NodeSpec"), "NodeSpec describes the attributes that a node is created with.")
            .field("configSource", any())
            .field("externalID", string())
            .field("podCIDR", string())
            .field("podCIDRs", listOf(string(), "merge"))
            .field("providerID", string())
            .field("taints", listOf(taint, "merge", "key"))
            .field("unschedulable", boolean())
            .build();
    static const Schema *s = object(core("Node"), "Node is a worker node in Kubernetes.")
                                 .typeMeta()
                                 .field("spec", spec)
                                 .field("status", nodeStatus())
                                 .build();
    return s;
}

const Schema *service() {
    static const Schema *s =
        object(core("Service"), "Service is a named abstraction of software service (for "
                                "example, mysql) consisting of local port that the proxy listens "
                                "on, and the selector that determines which pods will answer "
                                "requests sent through the proxy.")
            .typeMeta()
            .field("spec", serviceSpec())
            .field("status", serviceStatus())
            .build();
    return s;
}

const Schema *endpoints() {
    static const Schema *address =
        object(core("EndpointAddress"), "EndpointAddress is a tuple that describes single IP "
                                        "address.")
            .field("hostname", string())
            .required("ip", string())
            .field("nodeName", string())
            .field("targetRef", objectReference())
            .build();
    static const Schema *port =
        object(core("EndpointPort"), "EndpointPort is a tuple that describes a single port.")
            .field("appProtocol", string())
            .field("name", string())
            .required("port", int32())
            .field("protocol", stringEnum({"SCTP", "TCP", "UDP"}))
            .build();
    static const Schema *subset =
        object(core("EndpointSubset"), "EndpointSubset is a group of addresses with a common "
                                       "set of ports.")
            .field("addresses", listOf(address))
            .field("notReadyAddresses", listOf(address))
            .field("ports", listOf(port))
            .build();
    static const Schema *s =
        object(core("Endpoints"), "Endpoints is a collection of endpoints that implement the "
                                  "actual service.")
            .typeMeta()
            .field("subsets", listOf(subset))
            .build();
    return s;
}

const Schema *event() {
    static const Schema *source =
        object(core("EventSource"), "EventSource contains information for an event.")
            .field("component", string())
            .field("host", string())
            .build();
    static const Schema *series =
        object(core("EventSeries"), "EventSeries contain information on series of events.")
            .field("count", int32())
            .field("lastObservedTime", microTime())
            .build();
    static const Schema *s =
        object(core("Event"), "Event is a report of an event somewhere in the cluster.")
            .field("action", string())
            .field("apiVersion", string())
            .field("count", int32())
            .field("eventTime", microTime())
            .field("firstTimestamp", dateTime())
            .required("involvedObject", objectReference())
            .field("kind", string())
            .field("lastTimestamp", dateTime())
            .field("message", string())
            .required("metadata", objectMeta())
            .field("reason", string())
            .field("related", objectReference())
            .field("reportingComponent", string())
            .field("reportingInstance", string())
            .field("series", series)
            .field("source", source)
            .field("type", string())
            .build();
    return s;
}

const Schema *configMap() {
    static const Schema *s =
        object(core("ConfigMap"), "ConfigMap holds configuration data for pods to consume.")
            .typeMeta()
            .field("binaryData", mapOf(bytes()))
            .field("data", stringMap())
            .field("immutable", boolean())
            .build();
    return s;
}

const Schema *secret() {
    static const Schema *s = object(core("Secret"), "Secret holds secret data of a certain type.")
                                 .typeMeta()
                                 .field("data", mapOf(bytes()))
                                 .field("immutable", boolean())
                                 .field("stringData", stringMap())
                                 .field("type", string())
                                 .build();
    return s;
}

} // namespace cox::model::schemas
