// core/v1 Container and what hangs off it: ports, env, resources, probes, lifecycle hooks and the
// security contexts (container and pod level).
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string core(const char *name) {
    return std::string("io.k8s.api.core.v1.") + name;
}

const Schema *keySelector(const char *component, const char *what) {
    return object(core(component), std::string("Selects a key from a ") + what + ".")
        .required("key", string())
        .field("name", string())
        .field("optional", boolean())
        .build();
}

const Schema *envVar() {
    static const Schema *source =
        object(core("EnvVarSource"), "EnvVarSource represents a source for the value of an EnvVar.")
            .field("configMapKeyRef", keySelector("ConfigMapKeySelector", "ConfigMap"))
            .field("fieldRef", objectFieldSelector())
            .field("resourceFieldRef", resourceFieldSelector())
            .field("secretKeyRef",
                   keySelector("SecretKeySelector", "secret in the pod's namespace"))
            .build();
    static const Schema *s =
        object(core("EnvVar"), "EnvVar represents an environment variable present in a Container.")
            .required("name", string())
            .field("value", string())
            .field("valueFrom", source)
            .build();
    return s;
}

const Schema *envFromSource() {
    static const Schema *cmRef =
        object(core("ConfigMapEnvSource"), "ConfigMapEnvSource selects a ConfigMap to populate the "
                                           "environment variables with.")
            .field("name", string())
            .field("optional", boolean())
            .build();
    static const Schema *secretRef =
        object(core("SecretEnvSource"), "SecretEnvSource selects a Secret to populate the "
                                        "environment variables with.")
            .field("name", string())
            .field("optional", boolean())
            .build();
    static const Schema *s =
        object(core("EnvFromSource"), "EnvFromSource represents the source of a set of ConfigMaps "
                                      "or Secrets")
            .field("configMapRef", cmRef)
            .field("prefix", string())
            .field("secretRef", secretRef)
            .build();
    return s;
}

const Schema *containerPort() {
    static const Schema *s =
        object(core("ContainerPort"), "ContainerPort represents a network port in a single "
                                      "container.")
            .required("containerPort", int32())
            .field("hostIP", string())
            .field("hostPort", int32())
            .field("name", string())
            .field("protocol", stringEnum({"SCTP", "TCP", "UDP"}))
            .build();
    return s;
}

const Schema *httpGetAction() {
    static const Schema *header =
        object(core("HTTPHeader"), "HTTPHeader describes a custom header to be used in HTTP "
                                   "probes")
            .required("name", string())
            .required("value", string())
            .build();
    static const Schema *s =
        object(core("HTTPGetAction"), "HTTPGetAction describes an action based on HTTP Get "
                                      "requests.")
            .field("host", string())
            .field("httpHeaders", listOf(header))
            .field("path", string())
            .required("port", intOrString())
            .field("scheme", stringEnum({"HTTP", "HTTPS"}))
            .build();
    return s;
}

const Schema *execAction() {
    static const Schema *s =
        object(core("ExecAction"), "ExecAction describes a \"run in container\" action.")
            .field("command", stringList())
            .build();
    return s;
}

const Schema *tcpSocketAction() {
    static const Schema *s =
        object(core("TCPSocketAction"), "TCPSocketAction describes an action based on opening "
                                        "a socket")
            .field("host", string())
            .required("port", intOrString())
            .build();
    return s;
}

const Schema *lifecycleHandler() {
    static const Schema *sleep =
        object(core("SleepAction"), "SleepAction describes a \"sleep\" action.")
            .required("seconds", int64())
            .build();
    static const Schema *s =
        object(core("LifecycleHandler"), "LifecycleHandler defines a specific action that should "
                                         "be taken in a lifecycle hook.")
            .field("exec", execAction())
            .field("httpGet", httpGetAction())
            .field("sleep", sleep)
            .field("tcpSocket", tcpSocketAction())
            .build();
    return s;
}

const Schema *seLinuxOptions() {
    static const Schema *s =
        object(core("SELinuxOptions"), "SELinuxOptions are the labels to be applied to the "
                                       "container")
            .field("level", string())
            .field("role", string())
            .field("type", string())
            .field("user", string())
            .build();
    return s;
}

const Schema *windowsOptions() {
    static const Schema *s = object(core("WindowsSecurityContextOptions"),
                                    "WindowsSecurityContextOptions contain Windows-specific "
                                    "options and credentials.")
                                 .field("gmsaCredentialSpec", string())
                                 .field("gmsaCredentialSpecName", string())
                                 .field("hostProcess", boolean())
                                 .field("runAsUserName", string())
                                 .build();
    return s;
}

const Schema *profile(const char *component) {
    return object(core(component), "A profile applied to a container or pod.")
        .field("localhostProfile", string())
        .required("type", string())
        .build();
}

const Schema *seccompProfile() {
    static const Schema *s = profile("SeccompProfile");
    return s;
}

const Schema *appArmorProfile() {
    static const Schema *s = profile("AppArmorProfile");
    return s;
}

const Schema *volumeMount() {
    static const Schema *s =
        object(core("VolumeMount"), "VolumeMount describes a mounting of a Volume within a "
                                    "container.")
            .required("mountPath", string())
            .field("mountPropagation", string())
            .required("name", string())
            .field("readOnly", boolean())
            .field("recursiveReadOnly", string())
            .field("subPath", string())
            .field("subPathExpr", string())
            .build();
    return s;
}

const Schema *volumeDevice() {
    static const Schema *s =
        object(core("VolumeDevice"), "volumeDevice describes a mapping of a raw block device "
                                     "within a container.")
            .required("devicePath", string())
            .required("name", string())
            .build();
    return s;
}

const Schema *resizePolicy() {
    static const Schema *s = object(core("ContainerResizePolicy"),
                                    "ContainerResizePolicy represents resource resize policy for "
                                    "the container.")
                                 .required("resourceName", string())
                                 .required("restartPolicy", string())
                                 .build();
    return s;
}

// Container and EphemeralContainer share every field; the latter adds targetContainerName.
ObjectBuilder containerFields(ObjectBuilder b) {
    return std::move(
        b.field("args", stringList())
            .field("command", stringList())
            .field("env", listOf(envVar(), "merge", "name"))
            .field("envFrom", listOf(envFromSource()))
            .field("image", string())
            .field("imagePullPolicy", stringEnum({"Always", "IfNotPresent", "Never"}))
            .field("lifecycle", lifecycle())
            .field("livenessProbe", probe())
            .required("name", string())
            .field("ports", listOf(containerPort(), "merge", "containerPort"))
            .field("readinessProbe", probe())
            .field("resizePolicy", listOf(resizePolicy()))
            .field("resources", resourceRequirements())
            .field("restartPolicy", string())
            .field("securityContext", securityContext())
            .field("startupProbe", probe())
            .field("stdin", boolean())
            .field("stdinOnce", boolean())
            .field("terminationMessagePath", string())
            .field("terminationMessagePolicy", stringEnum({"FallbackToLogsOnError", "File"}))
            .field("tty", boolean())
            .field("volumeDevices", listOf(volumeDevice(), "merge", "devicePath"))
            .field("volumeMounts", listOf(volumeMount(), "merge", "mountPath"))
            .field("workingDir", string()));
}

} // namespace

const Schema *objectFieldSelector() {
    static const Schema *s = object(core("ObjectFieldSelector"),
                                    "ObjectFieldSelector selects an APIVersioned field of an "
                                    "object.")
                                 .field("apiVersion", string())
                                 .required("fieldPath", string())
                                 .build();
    return s;
}

const Schema *resourceFieldSelector() {
    static const Schema *s =
        object(core("ResourceFieldSelector"),
               "ResourceFieldSelector represents container resources (cpu, memory) and their "
               "output format")
            .field("containerName", string())
            .field("divisor", quantity())
            .required("resource", string())
            .build();
    return s;
}

const Schema *resourceRequirements() {
    static const Schema *claim =
        object(core("ResourceClaim"), "ResourceClaim references one entry in "
                                      "PodSpec.ResourceClaims.")
            .required("name", string())
            .field("request", string())
            .build();
    static const Schema *s =
        object(core("ResourceRequirements"), "ResourceRequirements describes the compute resource "
                                             "requirements.")
            .field("claims", listOf(claim))
            .field("limits", mapOf(quantity()))
            .field("requests", mapOf(quantity()))
            .build();
    return s;
}

const Schema *probe() {
    static const Schema *grpc =
        object(core("GRPCAction"), "GRPCAction specifies an action involving a GRPC service.")
            .required("port", int32())
            .field("service", string())
            .build();
    static const Schema *s =
        object(core("Probe"), "Probe describes a health check to be performed against a "
                              "container to determine whether it is alive or ready to receive "
                              "traffic.")
            .field("exec", execAction())
            .field("failureThreshold", int32())
            .field("grpc", grpc)
            .field("httpGet", httpGetAction())
            .field("initialDelaySeconds", int32())
            .field("periodSeconds", int32())
            .field("successThreshold", int32())
            .field("tcpSocket", tcpSocketAction())
            .field("terminationGracePeriodSeconds", int64())
            .field("timeoutSeconds", int32())
            .build();
    return s;
}

const Schema *lifecycle() {
    static const Schema *s =
        object(core("Lifecycle"), "Lifecycle describes actions that the management system "
                                  "should take in response to container lifecycle events.")
            .field("postStart", lifecycleHandler())
            .field("preStop", lifecycleHandler())
            .field("stopSignal", string())
            .build();
    return s;
}

const Schema *securityContext() {
    static const Schema *capabilities =
        object(core("Capabilities"), "Adds and removes POSIX capabilities from running "
                                     "containers.")
            .field("add", stringList())
            .field("drop", stringList())
            .build();
    static const Schema *s =
        object(core("SecurityContext"), "SecurityContext holds security configuration that will "
                                        "be applied to a container.")
            .field("allowPrivilegeEscalation", boolean())
            .field("appArmorProfile", appArmorProfile())
            .field("capabilities", capabilities)
            .field("privileged", boolean())
            .field("procMount", string())
            .field("readOnlyRootFilesystem", boolean())
            .field("runAsGroup", int64())
            .field("runAsNonRoot", boolean())
            .field("runAsUser", int64())
            .field("seLinuxOptions", seLinuxOptions())
            .field("seccompProfile", seccompProfile())
            .field("windowsOptions", windowsOptions())
            .build();
    return s;
}

const Schema *podSecurityContext() {
    static const Schema *sysctl = object(core("Sysctl"), "Sysctl defines a kernel parameter to "
                                                         "be set")
                                      .required("name", string())
                                      .required("value", string())
                                      .build();
    static const Schema *s =
        object(core("PodSecurityContext"), "PodSecurityContext holds pod-level security "
                                           "attributes and common container settings.")
            .field("appArmorProfile", appArmorProfile())
            .field("fsGroup", int64())
            .field("fsGroupChangePolicy", string())
            .field("runAsGroup", int64())
            .field("runAsNonRoot", boolean())
            .field("runAsUser", int64())
            .field("seLinuxChangePolicy", string())
            .field("seLinuxOptions", seLinuxOptions())
            .field("seccompProfile", seccompProfile())
            .field("supplementalGroups", listOf(int64()))
            .field("supplementalGroupsPolicy", string())
            .field("sysctls", listOf(sysctl))
            .field("windowsOptions", windowsOptions())
            .build();
    return s;
}

const Schema *container() {
    static const Schema *s =
        containerFields(object(core("Container"), "A single application container that you "
                                                  "want to run within a pod."))
            .build();
    return s;
}

const Schema *ephemeralContainer() {
    static const Schema *s = containerFields(object(core("EphemeralContainer"),
                                                    "An EphemeralContainer is a temporary "
                                                    "container that you may add to an existing "
                                                    "Pod for user-initiated activities such as "
                                                    "debugging."))
                                 .field("targetContainerName", string())
                                 .build();
    return s;
}

} // namespace cox::model::schemas
