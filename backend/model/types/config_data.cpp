#include "model/types/config_data.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<ConfigMap> ConfigMap::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ConfigMap", json);
    ConfigMap c;
    FieldReader in(json, "");
    in.object("metadata", c.metadata);
    in.read("data", c.data);
    in.read("binaryData", c.binaryData);
    in.read("immutable", c.immutable);
    if (!in.ok())
        return in.status();
    return c;
}

Json ConfigMap::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", metadata.toJson()}};
    putMap(j, "data", data);
    putMap(j, "binaryData", binaryData);
    putOptional(j, "immutable", immutable);
    return j;
}

Result<Secret> Secret::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Secret", json);
    Secret s;
    FieldReader in(json, "");
    in.object("metadata", s.metadata);
    in.read("type", s.type);
    in.read("data", s.data);
    in.read("stringData", s.stringData);
    in.read("immutable", s.immutable);
    if (!in.ok())
        return in.status();
    return s;
}

Json Secret::toJson() const {
    Json j{{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", metadata.toJson()}};
    putString(j, "type", type);
    putMap(j, "data", data);
    putMap(j, "stringData", stringData);
    putOptional(j, "immutable", immutable);
    return j;
}

} // namespace cox::model
