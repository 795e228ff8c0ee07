// core/v1 Volume (the common sources in full, the rarer cloud and legacy plugins as Any) and the
// scheduling constraints of a pod: affinity, tolerations, topology spread constraints.
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string core(const char *name) {
    return std::string("io.k8s.api.core.v1.") + name;
}

const Schema *keyToPath() {
    static const Schema *s =
        object(core("KeyToPath"), "Maps a string key to a path within a volume.")
            .required("key", string())
            .field("mode", int32())
            .required("path", string())
            .build();
    return s;
}

const Schema *downwardApiFile() {
    static const Schema *s =
        object(core("DownwardAPIVolumeFile"), "DownwardAPIVolumeFile represents information to "
                                              "create the file containing the pod field")
            .field("fieldRef", objectFieldSelector())
            .field("mode", int32())
            .required("path", string())
            .field("resourceFieldRef", resourceFieldSelector())
            .build();
    return s;
}

// configMap / secret projections and volume sources share their shape.
const Schema *keyedSource(const char *component, const char *nameField, bool withDefaultMode) {
    ObjectBuilder b = object(core(component), "Adapts a ConfigMap or Secret into a volume.");
    if (withDefaultMode)
        b.field("defaultMode", int32());
    return b.field("items", listOf(keyToPath()))
        .field(nameField, string())
        .field("optional", boolean())
        .build();
}

const Schema *projected() {
    static const Schema *downward =
        object(core("DownwardAPIProjection"), "Represents downward API info for projecting into "
                                              "a projected volume.")
            .field("items", listOf(downwardApiFile()))
            .build();
    static const Schema *token = object(core("ServiceAccountTokenProjection"),
                                        "ServiceAccountTokenProjection represents a projected "
                                        "service account token volume.")
                                     .field("audience", string())
                                     .field("expirationSeconds", int64())
                                     .required("path", string())
                                     .build();
    static const Schema *projection =
        object(core("VolumeProjection"), "Projection that may be projected along with other "
                                         "supported volume types.")
            .field("clusterTrustBundle", any())
            .field("configMap", keyedSource("ConfigMapProjection", "name", false))
            .field("downwardAPI", downward)
            .field("secret", keyedSource("SecretProjection", "name", false))
            .field("serviceAccountToken", token)
            .build();
    static const Schema *s =
        object(core("ProjectedVolumeSource"), "Represents a projected volume source")
            .field("defaultMode", int32())
            .field("sources", listOf(projection))
            .build();
    return s;
}

const Schema *nodeSelectorTerm() {
    static const Schema *requirement =
        object(core("NodeSelectorRequirement"), "A node selector requirement is a selector that "
                                                "contains values, a key, and an operator.")
            .required("key", string())
            .required("operator", stringEnum({"DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"}))
            .field("values", stringList())
            .build();
    static const Schema *s =
        object(core("NodeSelectorTerm"), "A null or empty node selector term matches no objects.")
            .field("matchExpressions", listOf(requirement))
            .field("matchFields", listOf(requirement))
            .build();
    return s;
}

const Schema *nodeAffinity() {
    static const Schema *selector =
        object(core("NodeSelector"), "A node selector represents the union of the results of one "
                                     "or more label queries over a set of nodes.")
            .required("nodeSelectorTerms", listOf(nodeSelectorTerm()))
            .build();
    static const Schema *preferred =
        object(core("PreferredSchedulingTerm"), "An empty preferred scheduling term matches all "
                                                "objects with implicit weight 0.")
            .required("preference", nodeSelectorTerm())
            .required("weight", int32())
            .build();
    static const Schema *s =
        object(core("NodeAffinity"), "Node affinity is a group of node affinity scheduling "
                                     "rules.")
            .field("preferredDuringSchedulingIgnoredDuringExecution", listOf(preferred))
            .field("requiredDuringSchedulingIgnoredDuringExecution", selector)
            .build();
    return s;
}

const Schema *podAffinityTerm() {
    static const Schema *s =
        object(core("PodAffinityTerm"), "Defines a set of pods that this pod should be "
                                        "co-located (affinity) or not co-located (anti-affinity) "
                                        "with.")
            .field("labelSelector", labelSelector())
            .field("matchLabelKeys", stringList())
            .field("mismatchLabelKeys", stringList())
            .field("namespaceSelector", labelSelector())
            .field("namespaces", stringList())
            .required("topologyKey", string())
            .build();
    return s;
}

const Schema *podAffinityKind(const char *component) {
    static const Schema *weighted = object(core("WeightedPodAffinityTerm"),
                                           "The weights of all of the matched "
                                           "WeightedPodAffinityTerm fields are added per-node.")
                                        .required("podAffinityTerm", podAffinityTerm())
                                        .required("weight", int32())
                                        .build();
    return object(core(component), "Pod affinity scheduling rules.")
        .field("preferredDuringSchedulingIgnoredDuringExecution", listOf(weighted))
        .field("requiredDuringSchedulingIgnoredDuringExecution", listOf(podAffinityTerm()))
        .build();
}

} // namespace

const Schema *volume() {
    static const Schema *emptyDir =
        object(core("EmptyDirVolumeSource"), "Represents an empty directory for a pod.")
            .field("medium", string())
            .field("sizeLimit", quantity())
            .build();
    static const Schema *hostPath =
        object(core("HostPathVolumeSource"), "Represents a host path mapped into a pod.")
            .required("path", string())
            .field("type", stringEnum({"", "BlockDevice", "CharDevice", "Directory",
                                       "DirectoryOrCreate", "File", "FileOrCreate", "Socket"}))
            .build();
    static const Schema *pvc = object(core("PersistentVolumeClaimVolumeSource"),
                                      "PersistentVolumeClaimVolumeSource references the user's "
                                      "PVC in the same namespace.")
                                   .required("claimName", string())
                                   .field("readOnly", boolean())
                                   .build();
    static const Schema *downward =
        object(core("DownwardAPIVolumeSource"), "DownwardAPIVolumeSource represents a volume "
                                                "containing downward API info.")
            .field("defaultMode", int32())
            .field("items", listOf(downwardApiFile()))
            .build();
    static const Schema *nfs =
        object(core("NFSVolumeSource"), "Represents an NFS mount that lasts the lifetime of a pod.")
            .required("path", string())
            .field("readOnly", boolean())
            .required("server", string())
            .build();
    static const Schema *csi =
        object(core("CSIVolumeSource"), "Represents a source location of a volume to mount, "
                                        "managed by an external CSI driver")
            .required("driver", string())
            .field("fsType", string())
            .field("nodePublishSecretRef", localObjectReference())
            .field("readOnly", boolean())
            .field("volumeAttributes", stringMap())
            .build();
    static const Schema *image =
        object(core("ImageVolumeSource"), "ImageVolumeSource represents a image volume resource.")
            .field("pullPolicy", string())
            .field("reference", string())
            .build();
    static const Schema *s =
        object(core("Volume"), "Volume represents a named volume in a pod that may be accessed "
                               "by any container in the pod.")
            .field("awsElasticBlockStore", any())
            .field("azureDisk", any())
            .field("azureFile", any())
            .field("cephfs", any())
            .field("cinder", any())
            .field("configMap", keyedSource("ConfigMapVolumeSource", "name", true))
            .field("csi", csi)
            .field("downwardAPI", downward)
            .field("emptyDir", emptyDir)
            .field("ephemeral", any())
            .field("fc", any())
            .field("flexVolume", any())
            .field("flocker", any())
            .field("gcePersistentDisk", any())
            .field("gitRepo", any())
            .field("glusterfs", any())
            .field("hostPath", hostPath)
            .field("image", image)
            .field("iscsi", any())
            .required("name", string())
            .field("nfs", nfs)
            .field("persistentVolumeClaim", pvc)
            .field("photonPersistentDisk", any())
            .field("portworxVolume", any())
            .field("projected", projected())
            .field("quobyte", any())
            .field("rbd", any())
            .field("scaleIO", any())
            .field("secret", keyedSource("SecretVolumeSource", "secretName", true))
            .field("storageos", any())
            .field("vsphereVolume", any())
            .build();
    return s;
}

const Schema *affinity() {
    static const Schema *s =
        object(core("Affinity"), "Affinity is a group of affinity scheduling rules.")
            .field("nodeAffinity", nodeAffinity())
            .field("podAffinity", podAffinityKind("PodAffinity"))
            .field("podAntiAffinity", podAffinityKind("PodAntiAffinity"))
            .build();
    return s;
}

const Schema *toleration() {
    static const Schema *s =
        object(core("Toleration"), "The pod this Toleration is attached to tolerates any taint "
                                   "that matches the triple <key,value,effect>.")
            .field("effect", stringEnum({"", "NoExecute", "NoSchedule", "PreferNoSchedule"}))
            .field("key", string())
            .field("operator", stringEnum({"", "Equal", "Exists"}))
            .field("tolerationSeconds", int64())
            .field("value", string())
            .build();
    return s;
}

const Schema *topologySpreadConstraint() {
    static const Schema *s = object(core("TopologySpreadConstraint"),
                                    "TopologySpreadConstraint specifies how to spread matching "
                                    "pods among the given topology.")
                                 .field("labelSelector", labelSelector())
                                 .field("matchLabelKeys", stringList())
                                 .required("maxSkew", int32())
                                 .field("minDomains", int32())
                                 .field("nodeAffinityPolicy", string())
                                 .field("nodeTaintsPolicy", string())
                                 .required("topologyKey", string())
                                 .required("whenUnsatisfiable", string())
                                 .build();
    return s;
}

} // namespace cox::model::schemas
