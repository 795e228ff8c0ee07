// ConfigMap and Secret: named bags of configuration data. Secret data is base64 on the wire and
// kept so here (decoding is the consumer's business, e.g. the agent writing a volume).
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/types/object_meta.h"

#include <map>
#include <optional>
#include <string>

namespace cox::model {

struct ConfigMap {
    ObjectMeta metadata;
    std::map<std::string, std::string> data;
    std::map<std::string, std::string> binaryData; // base64
    std::optional<bool> immutable;
    static Result<ConfigMap> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1
};

struct Secret {
    ObjectMeta metadata;
    std::string type;                              // "Opaque" by default
    std::map<std::string, std::string> data;       // base64
    std::map<std::string, std::string> stringData; // write-only plain text, merged into data
    std::optional<bool> immutable;
    static Result<Secret> fromJson(const Json &json);
    Json toJson() const; // apiVersion v1
};

} // namespace cox::model
