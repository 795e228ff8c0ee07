// OpenAPI v3 documents generated from the resource registry and schemas, in the shape kubectl
// reads before `apply`: GET /openapi/v3 answers the index, GET /openapi/v3/<gv> one document with
// component schemas (io.k8s.api.core.v1.Pod ...) and every resource path, whose POST/PUT/PATCH
// operations list the fieldValidation parameter so kubectl leaves validation to the server.
// All documents are built once, on first use, and served from a cache afterwards.
#pragma once

#include "model/json.h"

#include <optional>
#include <string>
#include <string_view>

namespace cox::model {

// {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=<HEX>"}, ...}}: every served
// group version, including those only served versions (model/served_version.h) make, such as
// apis/autoscaling/v1, so kubectl can validate an autoscaling/v1 manifest before it applies it.
Json openApiV3Index();

// The document for "api/v1", "apis/apps/v1", ...; nullopt when no such group version is served.
std::optional<Json> openApiV3Document(std::string_view groupVersionPath);

// The same document serialized once (what an HTTP handler writes), and its hash (the one the
// index's serverRelativeURL carries, usable as an ETag). nullptr / empty when not served.
const std::string *openApiV3DocumentText(std::string_view groupVersionPath);
std::string openApiV3Hash(std::string_view groupVersionPath);

} // namespace cox::model
