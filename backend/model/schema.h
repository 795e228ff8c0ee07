// Schema: a declarative description of an API object's fields, written once per kind and used
// for four jobs: strict field validation (unknown / wrong-typed fields -> 400 with the field's path),
// pruning unknown fields (Kubernetes drops what its types do not know), the OpenAPI v3 documents
// kubectl reads before `apply`, and the list merge keys of strategic merge patch.
// Schemas are built once at start-up and live for the whole process: plain pointers are safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

enum class SchemaType {
    Object,      // fixed set of named fields (`fields`)
    Map,         // string keys, values described by `items` (labels, annotations, resources)
    Array,       // elements described by `items`
    String,
    Integer,
    Number,
    Boolean,
    IntOrString, // intstr.IntOrString (ports, maxSurge)
    Quantity,    // resource.Quantity: a string like "500m" or "1Gi", or a number
    Any,         // anything; kept as is (x-kubernetes-preserve-unknown-fields)
};

struct Schema;

struct Field {
    std::string name;
    const Schema *schema = nullptr;
    bool required = false;
};

struct Schema {
    SchemaType type = SchemaType::Any;
    std::string description;
    std::string format;                 // OpenAPI format: "int32", "int64", "date-time", "byte"
    std::vector<std::string> enumValues;
    std::vector<Field> fields;          // Object only
    const Schema *items = nullptr;      // Array element, or Map value
    // Strategic merge patch, as the Go struct tags of the same names (Array only):
    std::string patchStrategy;          // "merge", "replace", "retainKeys", "merge,retainKeys"
    std::string patchMergeKey;          // e.g. "name" for containers, "containerPort" for ports
    // Name of the OpenAPI component this schema is published as (e.g. "io.k8s.api.core.v1.PodSpec");
    // empty = inlined.
    std::string componentName;

    const Field *field(std::string_view name) const
    {
        for (const auto &f : fields)
            if (f.name == name)
                return &f;
        return nullptr;
    }
};

} // namespace cox::model
