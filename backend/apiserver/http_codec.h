// The HTTP side of the API: content negotiation (Accept), body decoding with fieldValidation,
// and writing JSON answers and Status errors.
#pragma once

#include "apiserver/api_errors.h"
#include "apiserver/model_adapter.h"
#include "common/result.h"
#include "http/request.h"

#include <string>
#include <vector>

namespace cox::apiserver {

inline constexpr size_t kMaxBodyBytes = 3 * 1024 * 1024;

enum class OutputFormat { Json, Table };

struct Negotiated {
    OutputFormat format = OutputFormat::Json;
    std::string includeObject = "Metadata"; // for tables: None, Metadata, Object
};

// Picks what to answer from the Accept header. `tablesAllowed` is false where a Table makes no
// sense (discovery, writes answer objects). NotAcceptable when nothing offered can be served.
Result<Negotiated> negotiate(const http::Request &request, bool tablesAllowed);

enum class FieldValidation { Ignore, Warn, Strict };

// Decodes a JSON request body for `type` (or for a body kind without a ResourceType when `type`
// is null), applying fieldValidation: Strict rejects unknown and duplicate fields (400), Warn
// adds them to `warnings`, Ignore drops them silently. Wrong-typed values are always a 400.
Result<Json> decodeObjectBody(const http::Request &request, const model::ResourceType *type,
                              const model::Schema *schema, std::vector<std::string> &warnings);

// The patch type from Content-Type; UnsupportedMediaType otherwise.
Result<PatchType> patchTypeOf(const http::Request &request);

// "All" -> true, absent -> false, anything else -> BadRequest.
Result<bool> dryRunOf(const http::Request &request);

void sendJsonText(http::ResponseSink &sink, int code, std::string body,
                  const std::vector<std::string> &warnings = {});
void sendJson(http::ResponseSink &sink, int code, const Json &body,
              const std::vector<std::string> &warnings = {});
void sendError(http::ResponseSink &sink, const Status &status, const ErrorDetails &details = {});
void sendText(http::ResponseSink &sink, int code, std::string body);

// `Warning: 299 - "..."` header values, joined as HTTP allows for repeated headers.
std::string warningHeader(const std::vector<std::string> &warnings);

} // namespace cox::apiserver
