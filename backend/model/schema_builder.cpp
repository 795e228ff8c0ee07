#include "model/schema_builder.h"

#include "model/schemas.h"

#include <deque>
#include <mutex>

namespace cox::model::sb {

namespace {

// Arena: a deque never moves its elements, so handed-out pointers stay valid.
Schema *allocate(SchemaType type) {
    static std::mutex mutex;
    static std::deque<Schema> arena;
    std::lock_guard lock(mutex);
    Schema &s = arena.emplace_back();
    s.type = type;
    return &s;
}

Schema *leaf(SchemaType type, std::string format = {}, std::string component = {},
             std::string description = {}) {
    Schema *s = allocate(type);
    s->format = std::move(format);
    s->componentName = std::move(component);
    s->description = std::move(description);
    return s;
}

} // namespace

const Schema *string() {
    static const Schema *s = leaf(SchemaType::String);
    return s;
}

const Schema *int32() {
    static const Schema *s = leaf(SchemaType::Integer, "int32");
    return s;
}

const Schema *int64() {
    static const Schema *s = leaf(SchemaType::Integer, "int64");
    return s;
}

const Schema *number() {
    static const Schema *s = leaf(SchemaType::Number, "double");
    return s;
}

const Schema *boolean() {
    static const Schema *s = leaf(SchemaType::Boolean);
    return s;
}

const Schema *bytes() {
    static const Schema *s = leaf(SchemaType::String, "byte");
    return s;
}

const Schema *dateTime() {
    static const Schema *s =
        leaf(SchemaType::String, "date-time", "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
             "Time is a wrapper around time.Time, serialized as RFC 3339.");
    return s;
}

const Schema *microTime() {
    static const Schema *s =
        leaf(SchemaType::String, "date-time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
             "MicroTime is version of Time with microsecond level precision.");
    return s;
}

const Schema *intOrString() {
    static const Schema *s = leaf(SchemaType::IntOrString, "int-or-string",
                                  "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                                  "IntOrString is a type that can hold an int32 or a string.");
    return s;
}

const Schema *quantity() {
    static const Schema *s =
        leaf(SchemaType::Quantity, {}, "io.k8s.apimachinery.pkg.api.resource.Quantity",
             "Quantity is a fixed-point representation of a number, e.g. "
             "\"500m\" or \"1Gi\".");
    return s;
}

const Schema *any() {
    static const Schema *s = leaf(SchemaType::Any);
    return s;
}

const Schema *stringMap() {
    static const Schema *s = mapOf(string());
    return s;
}

const Schema *stringList() {
    static const Schema *s = listOf(string());
    return s;
}

const Schema *stringEnum(std::initializer_list<const char *> values) {
    Schema *s = allocate(SchemaType::String);
    for (const char *v : values)
        s->enumValues.emplace_back(v);
    return s;
}

const Schema *listOf(const Schema *items, std::string patchStrategy, std::string patchMergeKey) {
    Schema *s = allocate(SchemaType::Array);
    s->items = items;
    s->patchStrategy = std::move(patchStrategy);
    s->patchMergeKey = std::move(patchMergeKey);
    return s;
}

const Schema *mapOf(const Schema *values) {
    Schema *s = allocate(SchemaType::Map);
    s->items = values;
    return s;
}

const Schema *described(const Schema *base, std::string description) {
    Schema *s = allocate(base->type);
    *s = *base;
    s->description = std::move(description);
    s->componentName.clear();
    return s;
}

ObjectBuilder::ObjectBuilder(std::string componentName, std::string description)
    : m_schema(allocate(SchemaType::Object)) {
    m_schema->componentName = std::move(componentName);
    m_schema->description = std::move(description);
}

ObjectBuilder &ObjectBuilder::field(std::string name, const Schema *schema) {
    m_schema->fields.push_back(Field{std::move(name), schema, false});
    return *this;
}

ObjectBuilder &ObjectBuilder::required(std::string name, const Schema *schema) {
    m_schema->fields.push_back(Field{std::move(name), schema, true});
    return *this;
}

ObjectBuilder &ObjectBuilder::typeMeta() {
    field("apiVersion", string());
    field("kind", string());
    return field("metadata", schemas::objectMeta());
}

ObjectBuilder &ObjectBuilder::patchStrategy(std::string strategy) {
    m_schema->patchStrategy = std::move(strategy);
    return *this;
}

const Schema *ObjectBuilder::build() {
    return m_schema;
}

ObjectBuilder object(std::string componentName, std::string description) {
    return ObjectBuilder(std::move(componentName), std::move(description));
}

} // namespace cox::model::sb
