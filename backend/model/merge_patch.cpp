// RFC 7386 JSON merge patch.
#include "model/patch.h"

namespace cox::model {

namespace {

// Recursion on the patch's shape; the target is taken by value so the caller's copy is reused.
Json mergeInto(Json target, const Json &patch) {
    if (!patch.is_object())
        return patch;
    if (!target.is_object())
        target = Json::object();
    for (const auto &[key, value] : patch.items()) {
        if (value.is_null()) {
            target.erase(key);
            continue;
        }
        auto it = target.find(key);
        Json current = it == target.end() ? Json() : std::move(*it);
        target[key] = mergeInto(std::move(current), value);
    }
    return target;
}

} // namespace

Result<Json> applyMergePatch(const Json &target, const Json &patch) {
    return mergeInto(target, patch);
}

} // namespace cox::model
