#include "model/types/taint.h"

#include "model/types/json_fields.h"

#include <algorithm>

namespace cox::model {

Result<Taint> Taint::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Taint", json);
    Taint t;
    FieldReader in(json, "");
    in.read("key", t.key);
    in.read("value", t.value);
    in.read("effect", t.effect);
    in.read("timeAdded", t.timeAdded);
    if (!in.ok())
        return in.status();
    return t;
}

Json Taint::toJson() const {
    Json j = Json::object();
    putString(j, "key", key);
    putString(j, "value", value);
    putString(j, "effect", effect);
    putString(j, "timeAdded", timeAdded);
    return j;
}

Result<Toleration> Toleration::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Toleration", json);
    Toleration t;
    FieldReader in(json, "");
    in.read("key", t.key);
    in.read("operator", t.operator_);
    in.read("value", t.value);
    in.read("effect", t.effect);
    in.read("tolerationSeconds", t.tolerationSeconds);
    if (!in.ok())
        return in.status();
    return t;
}

Json Toleration::toJson() const {
    Json j = Json::object();
    putString(j, "key", key);
    putString(j, "operator", operator_);
    putString(j, "value", value);
    putString(j, "effect", effect);
    putOptional(j, "tolerationSeconds", tolerationSeconds);
    return j;
}

bool Toleration::tolerates(const Taint &taint) const {
    if (!effect.empty() && effect != taint.effect)
        return false;
    if (!key.empty() && key != taint.key)
        return false;
    if (operator_ == "Exists")
        return true;
    if (operator_.empty() || operator_ == "Equal")
        return value == taint.value;
    return false; // unknown operators tolerate nothing
}

bool toleratesTaint(const std::vector<Toleration> &tolerations, const Taint &taint) {
    return std::any_of(tolerations.begin(), tolerations.end(),
                       [&](const Toleration &t) { return t.tolerates(taint); });
}

} // namespace cox::model
