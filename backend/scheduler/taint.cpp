#include "scheduler/taint.h"

#include <algorithm>

namespace cox::scheduler {
namespace {

Result<TaintEffect> parseEffect(const std::string &text) {
    if (text == "NoSchedule")
        return TaintEffect::NoSchedule;
    if (text == "PreferNoSchedule")
        return TaintEffect::PreferNoSchedule;
    if (text == "NoExecute")
        return TaintEffect::NoExecute;
    return Status(StatusCode::BadRequest, "unknown taint effect \"" + text + "\"");
}

} // namespace

Result<Taint> Taint::fromJson(const model::Json &json) {
    if (!json.is_object())
        return Status(StatusCode::BadRequest, "taint must be an object");
    Taint out;
    out.key = json.value("key", std::string());
    out.value = json.value("value", std::string());
    auto effect = parseEffect(json.value("effect", std::string()));
    if (!effect)
        return effect.status();
    out.effect = *effect;
    return out;
}

std::string Taint::describe() const {
    return "{" + key + ": " + value + "}";
}

Result<Toleration> Toleration::fromJson(const model::Json &json) {
    if (!json.is_object())
        return Status(StatusCode::BadRequest, "toleration must be an object");
    Toleration out;
    out.key = json.value("key", std::string());
    out.value = json.value("value", std::string());
    std::string op = json.value("operator", std::string("Equal"));
    if (op != "Equal" && op != "Exists" && !op.empty())
        return Status(StatusCode::BadRequest, "unknown toleration operator \"" + op + "\"");
    out.exists = op == "Exists";
    std::string effect = json.value("effect", std::string());
    if (!effect.empty()) {
        auto parsed = parseEffect(effect);
        if (!parsed)
            return parsed.status();
        out.anyEffect = false;
        out.effect = *parsed;
    }
    return out;
}

bool Toleration::tolerates(const Taint &taint) const {
    if (!anyEffect && effect != taint.effect)
        return false;
    if (key.empty())
        return exists;
    if (key != taint.key)
        return false;
    return exists || value == taint.value;
}

bool toleratesTaint(const std::vector<Toleration> &tolerations, const Taint &taint) {
    return std::any_of(tolerations.begin(), tolerations.end(),
                       [&](const Toleration &t) { return t.tolerates(taint); });
}

} // namespace cox::scheduler
