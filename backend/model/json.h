// The JSON value type used for API objects everywhere (nlohmann-json).
#pragma once

#include <nlohmann/json.hpp>

namespace cox::model {
using Json = nlohmann::json;
} // namespace cox::model
