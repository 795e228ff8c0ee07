// The API server's narrow view of backend/model: defaulting, validation, strict decoding,
// pruning, selectors, patches and OpenAPI. Keeping every call into the model behind these few
// functions keeps the REST code independent of how the model spells them.
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "model/json.h"
#include "model/resource_type.h"
#include "model/validation.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cox::apiserver {

using Json = model::Json;

void applyObjectDefaults(const model::ResourceType &type, Json &object);
model::FieldErrors validateNewObject(const model::ResourceType &type, const Json &object);
model::FieldErrors validateChangedObject(const model::ResourceType &type, const Json &updated,
                                         const Json &old);

// Parses a request body; duplicate keys are reported in `duplicates` as field paths.
Result<Json> decodeBody(std::string_view text, std::vector<std::string> &duplicates);
// What a schema check found: unknown fields (`unknown field "spec.foo"`) and wrong-typed values.
struct SchemaFindings {
    std::vector<std::string> unknownFields;
    std::vector<std::string> wrongTypes;
};
SchemaFindings checkAgainstSchema(const model::Schema &schema, const Json &object);
void pruneUnknown(const model::ResourceType &type, Json &object);
void pruneUnknown(const model::Schema &schema, Json &object);

// A compiled label + field selector; an empty predicate when both are empty.
using ObjectPredicate = std::function<bool(const Json &)>;
Result<ObjectPredicate> compileSelectors(const model::ResourceType &type,
                                         const std::string &labelSelector,
                                         const std::string &fieldSelector);
// True when a label selector alone can be checked against metadata.labels text.
Result<ObjectPredicate> compileLabelSelector(const std::string &labelSelector);

enum class PatchType { Merge, Json, StrategicMerge, Apply };
Result<Json> applyPatch(const model::ResourceType &type, const Json &target, PatchType patchType,
                        std::string_view patch);

// OpenAPI v3: the index of group-version paths (each URL carrying its document's hash), and one
// group-version document ("api/v1", "apis/apps/v1") serialized once, with that hash; nullptr for
// an unknown path.
Json openApiIndex();
const std::string *openApiDocumentText(const std::string &groupVersionPath, std::string &hash);

// A meta.k8s.io/v1 Table of `objects` (full objects with apiVersion/kind).
// `includeObject` is None, Metadata (PartialObjectMetadata per row) or Object.
Json objectsToTable(const model::ResourceType &type, const std::vector<Json> &objects,
                    const std::string &includeObject, WallTime now);

} // namespace cox::apiserver
