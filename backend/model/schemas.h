// The schemas of every served kind and request body, mirroring the Kubernetes Go types field by
// field (names, patch strategies and merge keys as the Go struct tags). Each function builds its
// schema once (function-local static) and returns the same process-lifetime pointer afterwards.
#pragma once

#include "model/schema.h"

#include <string_view>

namespace cox::model {

// Schema of a request body that is not itself a served resource: Binding (v1), Eviction
// (policy/v1), Scale (autoscaling/v1), DeleteOptions (any apiVersion, or none). Served kinds are
// answered too (their ResourceType's schema). nullptr when unknown.
const Schema *bodySchema(std::string_view apiVersion, std::string_view kind);

namespace schemas {

// meta/v1
const Schema *objectMeta();
const Schema *listMeta();
const Schema *labelSelector();
const Schema *ownerReference();
const Schema *deleteOptions();
const Schema *status();

// core/v1 building blocks
const Schema *objectReference();
const Schema *localObjectReference();
const Schema *objectFieldSelector();
const Schema *resourceFieldSelector();
const Schema *container();
const Schema *ephemeralContainer();
const Schema *resourceRequirements();
const Schema *probe();
const Schema *lifecycle();
const Schema *securityContext();
const Schema *podSecurityContext();
const Schema *volume();
const Schema *affinity();
const Schema *toleration();
const Schema *topologySpreadConstraint();
const Schema *podSpec();
const Schema *podStatus();
const Schema *podTemplateSpec();

// Top-level kinds
const Schema *pod();
const Schema *namespaceKind();
const Schema *node();
const Schema *service();
const Schema *endpoints();
const Schema *event();
const Schema *configMap();
const Schema *secret();
const Schema *binding();
const Schema *eviction();
const Schema *deployment();
const Schema *replicaSet();
const Schema *scale();
const Schema *lease();
const Schema *horizontalPodAutoscaler();
// autoscaling/v1 HorizontalPodAutoscaler: a served version of the stored autoscaling/v2 kind.
const Schema *horizontalPodAutoscalerV1();

// authorization.k8s.io/v1 and authentication.k8s.io/v1 (create-only reviews)
const Schema *selfSubjectAccessReview();
const Schema *selfSubjectReview();

// coxswain.io/v1
const Schema *podMove();
const Schema *schedulingExplanation();
const Schema *nodeCredentialRequest();

} // namespace schemas
} // namespace cox::model
