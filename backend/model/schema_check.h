// Checking a decoded object against its Schema the way Kubernetes' strict decoder does: fields
// the type does not know and values of the wrong JSON type are reported with their path, and
// pruning drops unknown fields (what Kubernetes does when fieldValidation is Ignore or Warn).
// Enum values, required fields and value rules belong to object validation, not here.
#pragma once

#include "model/json.h"
#include "model/schema.h"

#include <string>
#include <vector>

namespace cox::model {

struct SchemaIssue {
    enum class Kind { UnknownField, WrongType };
    Kind kind = Kind::UnknownField;
    std::string path;    // "spec.containers[0].imagee"
    std::string message; // `unknown field "spec.containers[0].imagee"`, or
                         // "json: cannot unmarshal string into Go struct field
                         //  ContainerPort.spec.containers.ports.containerPort of type int32"
};

// Every unknown field and wrong-typed value in `value`, in document order. null is accepted
// anywhere (Go decodes it as the zero value).
std::vector<SchemaIssue> checkSchema(const Schema &schema, const Json &value);

// Removes, recursively, the object fields `schema` does not declare; Any subtrees are kept.
void pruneUnknownFields(const Schema &schema, Json &value);

} // namespace cox::model
