// Schema -> OpenAPI 3.0 schema objects, as Kubernetes publishes them: named types become
// components referenced with $ref, list fields carry x-kubernetes-patch-strategy/-merge-key,
// free-form values x-kubernetes-preserve-unknown-fields, IntOrString "format": "int-or-string".
#include "model/openapi_internal.h"

namespace cox::model::openapi {

namespace {

void addPatchExtensions(Json &out, const Schema &schema) {
    if (!schema.patchStrategy.empty())
        out["x-kubernetes-patch-strategy"] = schema.patchStrategy;
    if (!schema.patchMergeKey.empty())
        out["x-kubernetes-patch-merge-key"] = schema.patchMergeKey;
}

} // namespace

Json gvk(const std::string &group, const std::string &version, const std::string &kind) {
    return Json{{"group", group}, {"kind", kind}, {"version", version}};
}

Json ComponentCollector::use(const Schema &schema) {
    if (schema.componentName.empty())
        return inlineSchema(schema);
    if (!m_components.contains(schema.componentName)) {
        // Reserve the name first: a component reached again while being built is just a $ref.
        m_components[schema.componentName] = Json::object();
        m_components[schema.componentName] = inlineSchema(schema);
    }
    Json r = schemaRef(schema.componentName);
    if (schema.patchStrategy.empty())
        return r;
    // A sibling of $ref is ignored by OpenAPI 3.0: wrap as Kubernetes does.
    Json wrapped{{"allOf", Json::array({r})}};
    addPatchExtensions(wrapped, schema);
    return wrapped;
}

Json ComponentCollector::inlineSchema(const Schema &schema) {
    Json out = Json::object();
    if (!schema.description.empty())
        out["description"] = schema.description;
    switch (schema.type) {
    case SchemaType::Object: {
        out["type"] = "object";
        Json properties = Json::object();
        Json required = Json::array();
        for (const Field &f : schema.fields) {
            properties[f.name] = f.schema ? use(*f.schema) : Json::object();
            if (f.required)
                required.push_back(f.name);
        }
        out["properties"] = std::move(properties);
        if (!required.empty())
            out["required"] = std::move(required);
        break;
    }
    case SchemaType::Map:
        out["type"] = "object";
        out["additionalProperties"] = schema.items ? use(*schema.items) : Json::object();
        break;
    case SchemaType::Array:
        out["type"] = "array";
        out["items"] = schema.items ? use(*schema.items) : Json::object();
        addPatchExtensions(out, schema);
        break;
    case SchemaType::String:
        out["type"] = "string";
        break;
    case SchemaType::Integer:
        out["type"] = "integer";
        break;
    case SchemaType::Number:
        out["type"] = "number";
        break;
    case SchemaType::Boolean:
        out["type"] = "boolean";
        break;
    case SchemaType::IntOrString:
        out["type"] = "string";
        out["format"] = "int-or-string";
        out["x-kubernetes-int-or-string"] = true;
        return out;
    case SchemaType::Quantity:
        out["type"] = "string";
        return out;
    case SchemaType::Any:
        out["x-kubernetes-preserve-unknown-fields"] = true;
        return out;
    }
    if (!schema.format.empty() && schema.type != SchemaType::Object)
        out["format"] = schema.format;
    if (!schema.enumValues.empty())
        out["enum"] = schema.enumValues;
    return out;
}

void ComponentCollector::setGvk(const std::string &name, const Json &gvkValue) {
    Json &list = m_components[name]["x-kubernetes-group-version-kind"];
    if (!list.is_array())
        list = Json::array();
    for (const Json &existing : list)
        if (existing == gvkValue)
            return;
    list.push_back(gvkValue);
}

void ComponentCollector::addWithGvk(const std::string &name, const Schema &schema,
                                    const Json &gvkValue) {
    use(schema);
    setGvk(name, gvkValue);
}

std::string ComponentCollector::addList(const ResourceType &type) {
    std::string item = type.schema->componentName;
    std::string name = item + "List";
    if (m_components.contains(name))
        return name;
    use(*type.schema);
    Json list{
        {"description", type.kind + "List is a list of " + type.kind + " objects."},
        {"type", "object"},
        {"required", Json::array({"items"})},
        {"properties",
         {{"apiVersion", {{"type", "string"}}},
          {"items", {{"type", "array"}, {"items", schemaRef(item)}}},
          {"kind", {{"type", "string"}}},
          {"metadata", schemaRef("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta")}}},
    };
    m_components[name] = std::move(list);
    setGvk(name, gvk(type.group, type.version, type.kind + "List"));
    return name;
}

} // namespace cox::model::openapi
