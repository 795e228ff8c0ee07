// A small DSL for writing Schema trees by hand, one kind at a time:
//
//   using namespace cox::model::sb;
//   const Schema *port = object("io.k8s.api.core.v1.ContainerPort")
//                            .required("containerPort", int32())
//                            .field("protocol", stringEnum({"TCP", "UDP", "SCTP"}))
//                            .build();
//   const Schema *ports = listOf(port, "merge", "containerPort");
//
// Schemas are allocated in a process-lifetime arena and never freed, so the plain pointers the
// Schema struct holds stay valid (see schema.h). Building is not thread-safe by itself; every
// schema function wraps its construction in a function-local static, which C++ initialises once.
#pragma once

#include "model/schema.h"

#include <initializer_list>
#include <string>

namespace cox::model::sb {

// Shared leaf schemas.
const Schema *string();
const Schema *int32();
const Schema *int64();
const Schema *number();
const Schema *boolean();
const Schema *bytes();       // base64 string (Secret data)
const Schema *dateTime();    // meta/v1 Time, published as its own component
const Schema *microTime();   // meta/v1 MicroTime
const Schema *intOrString(); // published as io.k8s.apimachinery.pkg.util.intstr.IntOrString
const Schema *quantity();    // published as io.k8s.apimachinery.pkg.api.resource.Quantity
const Schema *any();         // kept as is
const Schema *stringMap();   // map[string]string
const Schema *stringList();  // []string, atomic

const Schema *stringEnum(std::initializer_list<const char *> values);
const Schema *listOf(const Schema *items, std::string patchStrategy = {},
                     std::string patchMergeKey = {});
const Schema *mapOf(const Schema *values);
// A copy of `base` with another description (fields keep their own).
const Schema *described(const Schema *base, std::string description);

class ObjectBuilder {
public:
    explicit ObjectBuilder(std::string componentName, std::string description);

    ObjectBuilder &field(std::string name, const Schema *schema);
    ObjectBuilder &required(std::string name, const Schema *schema);
    // apiVersion + kind + metadata (ObjectMeta), the head of every top-level kind.
    ObjectBuilder &typeMeta();
    // Strategic merge patch strategy of the object itself ("retainKeys" on
    // Deployment.spec.strategy).
    ObjectBuilder &patchStrategy(std::string strategy);
    const Schema *build();

private:
    Schema *m_schema;
};

// componentName "" = inlined in OpenAPI.
ObjectBuilder object(std::string componentName = {}, std::string description = {});

} // namespace cox::model::sb
