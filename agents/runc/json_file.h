// JsonFile: the runtime's persisted state (sandbox and container records) as JSON files, written
// atomically (temp file, fsync, rename) so a crash never leaves a half-written record behind.
#pragma once

#include "common/result.h"

#include <nlohmann/json.hpp>
#include <string>

namespace cox::agent::runc {

class JsonFile {
public:
    static Result<nlohmann::json> read(const std::string &path);
    static Status write(const std::string &path, const nlohmann::json &value);
    // Writes raw bytes atomically (same temp + rename dance).
    static Status writeText(const std::string &path, const std::string &text);
    static Result<std::string> readText(const std::string &path);
};

} // namespace cox::agent::runc
