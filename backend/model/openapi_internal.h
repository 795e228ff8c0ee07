// Internal to the OpenAPI generator: conversion of Schema trees into components, and the path
// items of one resource type.
#pragma once

#include "model/json.h"
#include "model/resource_type.h"
#include "model/schema.h"

#include <string>

namespace cox::model::openapi {

const char *const kRefPrefix = "#/components/schemas/";

inline Json schemaRef(const std::string &component) {
    return Json{{"$ref", std::string(kRefPrefix) + component}};
}

// Collects component definitions: add(schema) emits `schema` (and everything it reaches) into
// `components` and returns the JSON schema to use at the point of reference.
class ComponentCollector {
public:
    explicit ComponentCollector(Json &components)
        : m_components(components) {}

    Json use(const Schema &schema);
    // Publishes `schema` under `name` with the GVK extension (list, kinds without a component).
    void addWithGvk(const std::string &name, const Schema &schema, const Json &gvk);
    void setGvk(const std::string &name, const Json &gvk);
    // io.k8s...PodList for `item` (a kind component), returning its name.
    std::string addList(const ResourceType &type);

private:
    Json inlineSchema(const Schema &schema);

    Json &m_components;
};

// Adds the collection, item, all-namespaces and subresource paths of `type` to `paths`.
void addResourcePaths(const ResourceType &type, ComponentCollector &components, Json &paths);

Json gvk(const std::string &group, const std::string &version, const std::string &kind);

} // namespace cox::model::openapi
