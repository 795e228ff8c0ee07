// Schemas of the two "who am I, what may I do" kinds kubectl asks for (both create-only, never
// stored): authorization.k8s.io/v1 SelfSubjectAccessReview (`kubectl auth can-i`) and
// authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`).
#include "model/schema_builder.h"
#include "model/schemas.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string authz(const char *name) {
    return std::string("io.k8s.api.authorization.v1.") + name;
}
} // namespace

const Schema *selfSubjectAccessReview() {
    static const Schema *resource =
        object(authz("ResourceAttributes"), "A resource request to check.")
            .field("namespace", string())
            .field("verb", string())
            .field("group", string())
            .field("version", string())
            .field("resource", string())
            .field("subresource", string())
            .field("name", string())
            .field("fieldSelector", any())
            .field("labelSelector", any())
            .build();
    static const Schema *nonResource =
        object(authz("NonResourceAttributes"), "A non-resource request to check.")
            .field("path", string())
            .field("verb", string())
            .build();
    static const Schema *spec =
        object(authz("SelfSubjectAccessReviewSpec"), "Exactly one of the two attribute sets.")
            .field("resourceAttributes", resource)
            .field("nonResourceAttributes", nonResource)
            .build();
    static const Schema *status = object(authz("SubjectAccessReviewStatus"), "The verdict.")
                                      .required("allowed", boolean())
                                      .field("denied", boolean())
                                      .field("reason", string())
                                      .field("evaluationError", string())
                                      .build();
    static const Schema *s =
        object(authz("SelfSubjectAccessReview"),
               "SelfSubjectAccessReview checks whether the caller may perform an action.")
            .typeMeta()
            .required("spec", spec)
            .field("status", status)
            .build();
    return s;
}

const Schema *selfSubjectReview() {
    static const Schema *user =
        object("io.k8s.api.authentication.v1.UserInfo", "The caller as the server sees it.")
            .field("username", string())
            .field("uid", string())
            .field("groups", stringList())
            .field("extra", mapOf(stringList()))
            .build();
    static const Schema *status =
        object("io.k8s.api.authentication.v1.SelfSubjectReviewStatus", "Who the caller is.")
            .field("userInfo", user)
            .build();
    static const Schema *s = object("io.k8s.api.authentication.v1.SelfSubjectReview",
                                    "SelfSubjectReview returns the caller's user name and groups.")
                                 .typeMeta()
                                 .field("status", status)
                                 .build();
    return s;
}

} // namespace cox::model::schemas
