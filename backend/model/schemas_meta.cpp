// meta/v1 schemas (ObjectMeta, ListMeta, LabelSelector, DeleteOptions, Status) and the small core
// references shared by many kinds.
#include "model/schemas.h"

#include "model/schema_builder.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
const char *const kMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

std::string metaName(const char *name) {
    return std::string(kMeta) + name;
}

const Schema *managedFieldsEntry() {
    static const Schema *s =
        object(metaName("ManagedFieldsEntry"),
               "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the "
               "resource that the fieldset applies to.")
            .field("apiVersion", string())
            .field("fieldsType", string())
            .field("fieldsV1", any())
            .field("manager", string())
            .field("operation", string())
            .field("subresource", string())
            .field("time", dateTime())
            .build();
    return s;
}
} // namespace

const Schema *ownerReference() {
    static const Schema *s =
        object(metaName("OwnerReference"),
               "OwnerReference contains enough information to let you identify an owning object.")
            .required("apiVersion", string())
            .field("blockOwnerDeletion", boolean())
            .field("controller", boolean())
            .required("kind", string())
            .required("name", string())
            .required("uid", string())
            .build();
    return s;
}

const Schema *objectMeta() {
    static const Schema *s =
        object(metaName("ObjectMeta"), "ObjectMeta is metadata that all persisted resources "
                                       "must have, which includes all objects users must create.")
            .field("annotations", stringMap())
            .field("creationTimestamp", dateTime())
            .field("deletionGracePeriodSeconds", int64())
            .field("deletionTimestamp", dateTime())
            .field("finalizers", listOf(string(), "merge"))
            .field("generateName", string())
            .field("generation", int64())
            .field("labels", stringMap())
            .field("managedFields", listOf(managedFieldsEntry()))
            .field("name", string())
            .field("namespace", string())
            .field("ownerReferences", listOf(ownerReference(), "merge", "uid"))
            .field("resourceVersion", string())
            .field("selfLink", string())
            .field("uid", string())
            .build();
    return s;
}

const Schema *listMeta() {
    static const Schema *s =
        object(metaName("ListMeta"), "ListMeta describes metadata that synthetic resources must "
                                     "have, including lists and various status objects.")
            .field("continue", string())
            .field("remainingItemCount", int64())
            .field("resourceVersion", string())
            .field("selfLink", string())
            .build();
    return s;
}

const Schema *labelSelector() {
    static const Schema *requirement =
        object(metaName("LabelSelectorRequirement"),
               "A label selector requirement is a selector that contains values, a key, and an "
               "operator that relates the key and values.")
            .required("key", string())
            .required("operator", string())
            .field("values", stringList())
            .build();
    static const Schema *s = object(metaName("LabelSelector"),
                                    "A label selector is a label query over a set of resources.")
                                 .field("matchExpressions", listOf(requirement))
                                 .field("matchLabels", stringMap())
                                 .build();
    return s;
}

const Schema *deleteOptions() {
    static const Schema *preconditions =
        object(metaName("Preconditions"),
               "Preconditions must be fulfilled before an operation (update, delete, etc.) is "
               "carried out.")
            .field("resourceVersion", string())
            .field("uid", string())
            .build();
    static const Schema *s =
        object(metaName("DeleteOptions"), "DeleteOptions may be provided when deleting an API "
                                          "object.")
            .field("apiVersion", string())
            .field("dryRun", stringList())
            .field("gracePeriodSeconds", int64())
            .field("ignoreStoreReadErrorWithClusterBreakingPotential", boolean())
            .field("kind", string())
            .field("orphanDependents", boolean())
            .field("preconditions", preconditions)
            .field("propagationPolicy", string())
            .build();
    return s;
}

const Schema *status() {
    static const Schema *cause =
        object(metaName("StatusCause"), "StatusCause provides more information about an "
                                        "api.Status failure, including cases when multiple "
                                        "errors are encountered.")
            .field("field", string())
            .field("message", string())
            .field("reason", string())
            .build();
    static const Schema *details =
        object(metaName("StatusDetails"), "StatusDetails is a set of additional properties that "
                                          "MAY be set by the server to provide additional "
                                          "information about a response.")
            .field("causes", listOf(cause))
            .field("group", string())
            .field("kind", string())
            .field("name", string())
            .field("retryAfterSeconds", int32())
            .field("uid", string())
            .build();
    static const Schema *s =
        object(metaName("Status"), "Status is a return value for calls that don't return other "
                                   "objects.")
            .field("apiVersion", string())
            .field("code", int32())
            .field("details", details)
            .field("kind", string())
            .field("message", string())
            .field("metadata", listMeta())
            .field("reason", string())
            .field("status", string())
            .build();
    return s;
}

const Schema *objectReference() {
    static const Schema *s =
        object("io.k8s.api.core.v1.ObjectReference",
               "ObjectReference contains enough information to let you inspect or modify the "
               "referred object.")
            .field("apiVersion", string())
            .field("fieldPath", string())
            .field("kind", string())
            .field("name", string())
            .field("namespace", string())
            .field("resourceVersion", string())
            .field("uid", string())
            .build();
    return s;
}

const Schema *localObjectReference() {
    static const Schema *s =
        object("io.k8s.api.core.v1.LocalObjectReference",
               "LocalObjectReference contains enough information to let you locate the referenced "
               "object inside the same namespace.")
            .field("name", string())
            .build();
    return s;
}

} // namespace cox::model::schemas
