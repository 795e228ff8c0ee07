// The API server's calls into backend/model, in one place: a change of the model's API touches only
// this file.
#include "apiserver/model_adapter.h"

#include "model/defaults.h"
#include "model/field_selector.h"
#include "model/label_selector.h"
#include "model/object_validation.h"
#include "model/openapi.h"
#include "model/patch.h"
#include "model/schema_check.h"
#include "model/strict_json.h"

namespace cox::apiserver {

void applyObjectDefaults(const model::ResourceType &type, Json &object) {
    model::applyDefaults(type, object);
}

model::FieldErrors validateNewObject(const model::ResourceType &type, const Json &object) {
    return model::validateObject(type, object);
}

model::FieldErrors validateChangedObject(const model::ResourceType &type, const Json &updated,
                                         const Json &old) {
    return model::validateObjectUpdate(type, updated, old);
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

Result<ObjectPredicate> compileSelectors(const model::ResourceType &type,
                                         const std::string &labelSelector,
                                         const std::string &fieldSelector) {
    auto labels = compileLabelSelector(labelSelector);
    if (!labels)
        return labels.status();
    if (fieldSelector.empty())
        return labels;
    auto parsed = model::FieldSelector::parse(fieldSelector);
    if (!parsed)
        return Status(StatusCode::BadRequest, parsed.status().message());
    if (Status s = parsed->checkSupported(type.kind); !s)
        return Status(StatusCode::BadRequest, s.message());
    ObjectPredicate fields = [selector = std::move(*parsed)](const Json &object) {
        return selector.matches(object);
    };
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
    return model::openApiV3Index();
}

const std::string *openApiDocumentText(const std::string &groupVersionPath, std::string &hash) {
    const std::string *text = model::openApiV3DocumentText(groupVersionPath);
    if (text)
        hash = model::openApiV3Hash(groupVersionPath);
    return text;
}

} // namespace cox::apiserver
