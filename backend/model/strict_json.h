// Strict JSON decoding for request bodies: malformed input becomes a BadRequest with the position,
// and duplicate object keys (which a plain parse silently collapses, last one wins) are reported
// by path so fieldValidation=Strict can reject them and =Warn can name them.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

// Parses `text`. When `duplicateFields` is not null it receives the path of every repeated key,
// as Kubernetes prints it ("metadata.name", "spec.containers[0].image"); the value kept is the
// last one, as Go's decoder does. Nesting deeper than kMaxJsonDepth is rejected (BadRequest).
Result<Json> parseJsonStrict(std::string_view text, std::vector<std::string> *duplicateFields);

inline constexpr int kMaxJsonDepth = 1000;

} // namespace cox::model
