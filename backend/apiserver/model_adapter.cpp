// The API server's calls into backend/model. Parts of the model that may not be built yet are
// detected with __has_include so the REST layer builds against whatever the model offers; where a
// part is missing, the narrower behaviour here is real (no fake success): name rules only for
// validation, metadata.name/namespace for field selectors, a NAME/AGE table.
#include "apiserver/model_adapter.h"

#include "model/label_selector.h"
#include "model/patch.h"
#include "model/schema_check.h"
#include "model/strict_json.h"

#if __has_include("model/defaults.h")
#include "model/defaults.h"
#define COX_HAVE_DEFAULTS 1
#endif
#if __has_include("model/object_validation.h")
#include "model/object_validation.h"
#define COX_HAVE_OBJECT_VALIDATION 1
#endif
#if __has_include("model/field_selector.h")
#include "model/field_selector.h"
#define COX_HAVE_FIELD_SELECTOR 1
#endif
#if __has_include("model/openapi.h")
#include "model/openapi.h"
#define COX_HAVE_OPENAPI 1
#endif

namespace cox::apiserver {

void applyObjectDefaults(const model::ResourceType &type, Json &object) {
#ifdef COX_HAVE_DEFAULTS
    model::applyDefaults(type, object);
#else
    (void)type;
    (void)object;
#endif
}

namespace {
#ifndef COX_HAVE_OBJECT_VALIDATION
model::FieldErrors validateMetadataNames(const model::ResourceType &type, const Json &object) {
    model::FieldErrors errors;
    std::string name;
    if (object.contains("metadata") && object["metadata"].is_object())
        name = object["metadata"].value("name", "");
    if (name.empty()) {
        errors.push_back({model::FieldError::Type::Required, "metadata.name", "",
                          "name or generateName is required"});
        return errors;
    }
    bool label = type.plural == "namespaces" || type.plural == "services";
    auto problems = label ? model::checkDns1123Label(name) : model::checkDns1123Subdomain(name);
    for (const auto &p : problems)
        errors.push_back({model::FieldError::Type::Invalid, "metadata.name", name, p});
    return errors;
}
#endif
} // namespace

model::FieldErrors validateNewObject(const model::ResourceType &type, const Json &object) {
#ifdef COX_HAVE_OBJECT_VALIDATION
    return model::validateObject(type, object);
#else
    return validateMetadataNames(type, object);
#endif
}

model::FieldErrors validateChangedObject(const model::ResourceType &type, const Json &updated,
                                         const Json &old) {
#ifdef COX_HAVE_OBJECT_VALIDATION
    return model::validateObjectUpdate(type, updated, old);
#else
    (void)old;
    return validateMetadataNames(type, updated);
#endif
}

Result<Json> decodeBody(std::string_view text, std::vector<std::string> &duplicates) {
    return model::parseJsonStrict(text, &duplicates);
}

SchemaFindings checkAgainstSchema(const model::Schema &schema, const Json &object) {
    SchemaFindings out;
    for (const auto &issue : model::checkSchema(schema, object)) {
        if (issue.kind == model::SchemaIssue::Kind::UnknownField)
            out.unknownFields.push_back(issue.message);
        else
            out.wrongTypes.push_back(issue.message);
    }
    return out;
}

void pruneUnknown(const model::Schema &schema, Json &object) {
    model::pruneUnknownFields(schema, object);
}

void pruneUnknown(const model::ResourceType &type, Json &object) {
    if (type.schema)
        model::pruneUnknownFields(*type.schema, object);
}

Result<ObjectPredicate> compileLabelSelector(const std::string &labelSelector) {
    if (labelSelector.empty())
        return ObjectPredicate();
    auto parsed = model::LabelSelector::parse(labelSelector);
    if (!parsed)
        return Status(StatusCode::BadRequest,
                      "unable to parse requirement: " + parsed.status().message());
    return ObjectPredicate([selector = std::move(*parsed)](const Json &object) {
        static const Json kNone;
        if (!object.contains("metadata") || !object["metadata"].is_object())
            return selector.matches(kNone);
        auto it = object["metadata"].find("labels");
        return selector.matches(it == object["metadata"].end() ? kNone : *it);
    });
}

namespace {
#ifndef COX_HAVE_FIELD_SELECTOR
// metadata.name and metadata.namespace with =, == and !=, the fields every kind supports.
Result<ObjectPredicate> compileFieldSelector(const model::ResourceType &type,
                                             const std::string &text) {
    struct Term {
        std::string field, value;
        bool equal;
    };
    std::vector<Term> terms;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string part =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        size_t op = part.find("!=");
        bool equal = op == std::string::npos;
        size_t opLen = 2;
        if (equal) {
            op = part.find("==");
            if (op == std::string::npos) {
                op = part.find('=');
                opLen = 1;
            }
        }
        if (op == std::string::npos || op == 0)
            return Status(StatusCode::BadRequest,
                          "invalid selector: '" + text + "'; can't understand '" + part + "'");
        std::string field = part.substr(0, op);
        if (field != "metadata.name" && field != "metadata.namespace")
            return Status(StatusCode::BadRequest, "field label not supported: " + field);
        terms.push_back({field, part.substr(op + opLen), equal});
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    (void)type;
    return ObjectPredicate([terms](const Json &object) {
        for (const auto &t : terms) {
            std::string actual;
            if (object.contains("metadata") && object["metadata"].is_object())
                actual = object["metadata"].value(t.field.substr(9), "");
            if ((actual == t.value) != t.equal)
                return false;
        }
        return true;
    });
}
#endif
} // namespace

Result<ObjectPredicate> compileSelectors(const model::ResourceType &type,
                                         const std::string &labelSelector,
                                         const std::string &fieldSelector) {
    auto labels = compileLabelSelector(labelSelector);
    if (!labels)
        return labels.status();
    if (fieldSelector.empty())
        return labels;
#ifdef COX_HAVE_FIELD_SELECTOR
    auto parsed = model::FieldSelector::parse(fieldSelector);
    if (!parsed)
        return Status(StatusCode::BadRequest, parsed.status().message());
    if (Status s = parsed->checkSupported(type.kind); !s)
        return Status(StatusCode::BadRequest, s.message());
    ObjectPredicate fields = [selector = std::move(*parsed)](const Json &object) {
        return selector.matches(object);
    };
#else
    auto compiled = compileFieldSelector(type, fieldSelector);
    if (!compiled)
        return compiled.status();
    ObjectPredicate fields = std::move(*compiled);
#endif
    if (!*labels)
        return fields;
    return ObjectPredicate([l = std::move(*labels), f = std::move(fields)](const Json &object) {
        return l(object) && f(object);
    });
}

Result<Json> applyPatch(const model::ResourceType &type, const Json &target, PatchType patchType,
                        std::string_view patch) {
    auto parsed = model::parseJsonStrict(patch, nullptr);
    if (!parsed)
        return Status(StatusCode::BadRequest, parsed.status().message());
    switch (patchType) {
    case PatchType::Merge:
        if (!parsed->is_object())
            return Status(StatusCode::BadRequest, "a merge patch must be a JSON object");
        return model::applyMergePatch(target, *parsed);
    case PatchType::Json:
        if (!parsed->is_array())
            return Status(StatusCode::BadRequest, "a JSON patch must be a JSON array");
        return model::applyJsonPatch(target, *parsed);
    case PatchType::StrategicMerge:
        if (!parsed->is_object())
            return Status(StatusCode::BadRequest, "a strategic merge patch must be a JSON object");
        return model::applyStrategicMergePatch(target, *parsed, type.schema);
    case PatchType::Apply:
        break;
    }
    return Status(StatusCode::UnsupportedMediaType, "server-side apply is not supported");
}

Json openApiIndex() {
#ifdef COX_HAVE_OPENAPI
    return model::openApiV3Index();
#else
    return Json{{"paths", Json::object()}};
#endif
}

Result<Json> openApiDocument(const std::string &groupVersionPath) {
#ifdef COX_HAVE_OPENAPI
    auto doc = model::openApiV3Document(groupVersionPath);
    if (!doc)
        return Status(StatusCode::NotFound,
                      "the OpenAPI document for " + groupVersionPath + " is not served");
    return std::move(*doc);
#else
    return Status(StatusCode::NotFound, "the OpenAPI document for " + groupVersionPath +
                                            " is not available in this build");
#endif
}

} // namespace cox::apiserver
