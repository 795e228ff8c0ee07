// Schemas of the coxswain.io/v1 group: what Kubernetes lacks and the console needs.
//   PodMove                 "move pod P to node N", a stored object a controller carries out
//   SchedulingExplanation   create-only: every node's verdict for a pod (not stored)
//   NodeCredentialRequest   create-only: a joining node trades its bootstrap token and a CSR for
//                           a client certificate bound to its node name (not stored)
#include "model/schema_builder.h"
#include "model/schemas.h"

namespace cox::model::schemas {

using namespace sb;

namespace {
std::string cox(const char *name) {
    return std::string("io.coxswain.v1.") + name;
}
} // namespace

const Schema *podMove() {
    static const Schema *spec =
        object(cox("PodMoveSpec"), "Which pod moves, and where to.")
            .required("podName", described(string(), "Name of the pod, in the move's namespace."))
            .required("targetNode", described(string(), "Name of the node the pod moves to."))
            .build();
    static const Schema *status =
        object(cox("PodMoveStatus"), "Progress of a move.")
            .field("phase", stringEnum({"Pending", "Running", "Succeeded", "Failed"}))
            .field("message", string())
            .field("sourceNode", string())
            .field("replacementPod", string())
            .field("sourceUid", string())
            .field("originalPod", described(any(), "What a bare pod is recreated from."))
            .field("startTime", dateTime())
            .field("completionTime", dateTime())
            .build();
    static const Schema *s =
        object(cox("PodMove"), "PodMove moves a pod to a chosen node, make before break.")
            .typeMeta()
            .field("spec", spec)
            .field("status", status)
            .build();
    return s;
}

const Schema *schedulingExplanation() {
    static const Schema *spec =
        object(cox("SchedulingExplanationSpec"),
               "The pod to explain: an existing pod by name, or a pod object.")
            .field("podName", string())
            .field("pod", pod())
            .build();
    static const Schema *s =
        object(cox("SchedulingExplanation"),
               "SchedulingExplanation returns, for every node, whether a pod fits and why.")
            .typeMeta()
            .field("spec", spec)
            .field("status", any())
            .build();
    return s;
}

const Schema *nodeCredentialRequest() {
    static const Schema *spec =
        object(cox("NodeCredentialRequestSpec"), "The node and its certificate signing request.")
            .required("nodeName", string())
            .required("csr", described(string(), "PEM-encoded PKCS#10 certificate request."))
            .build();
    static const Schema *status =
        object(cox("NodeCredentialRequestStatus"), "The issued credential.")
            .field("certificate", string())
            .field("ca", string())
            .field("expirationTime", dateTime())
            .build();
    static const Schema *s =
        object(cox("NodeCredentialRequest"),
               "NodeCredentialRequest issues a joining node its own client certificate.")
            .typeMeta()
            .field("spec", spec)
            .field("status", status)
            .build();
    return s;
}

} // namespace cox::model::schemas
