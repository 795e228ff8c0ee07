#include "printers/cells.h"

#include "model/label_selector.h"
#include "printers/human_duration.h"

namespace cox::printers {

using model::Json;

const Json *at(const Json &object, std::initializer_list<std::string_view> path) {
    const Json *cur = &object;
    for (std::string_view key : path) {
        if (!cur->is_object())
            return nullptr;
        auto it = cur->find(key);
        if (it == cur->end())
            return nullptr;
        cur = &*it;
    }
    return cur;
}

std::string stringAt(const Json &object, std::initializer_list<std::string_view> path) {
    const Json *v = at(object, path);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::int64_t intAt(const Json &object, std::initializer_list<std::string_view> path,
                   std::int64_t fallback) {
    const Json *v = at(object, path);
    return v && v->is_number() ? v->get<std::int64_t>() : fallback;
}

bool boolAt(const Json &object, std::initializer_list<std::string_view> path) {
    const Json *v = at(object, path);
    return v && v->is_boolean() && v->get<bool>();
}

std::string join(const std::vector<std::string> &parts, std::string_view separator) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out += separator;
        out += parts[i];
    }
    return out;
}

std::string orNone(std::string value) {
    return value.empty() ? "<none>" : value;
}

Column nameColumn() {
    return {"Name", "string", "name",
            "Name must be unique within a namespace. Is required when creating resources, although "
            "some resources may allow a client to request the generation of an appropriate name "
            "automatically. Name is primarily intended for creation idempotence and configuration "
            "definition. Cannot be updated.",
            0};
}

Column ageColumn() {
    return {"Age", "string", "",
            "CreationTimestamp is a timestamp representing the server time when this object was "
            "created. It is not guaranteed to be set in happens-before order across separate "
            "operations. Clients may not set this value. It is represented in RFC3339 form and "
            "is in UTC.",
            0};
}

std::string objectName(const Json &object) {
    return stringAt(object, {"metadata", "name"});
}

std::string objectAge(const Json &object, WallTime now) {
    return ageSince(stringAt(object, {"metadata", "creationTimestamp"}), now);
}

std::string formatLabels(const Json *labels) {
    if (!labels || !labels->is_object() || labels->empty())
        return "<none>";
    std::vector<std::string> parts;
    for (const auto &[key, value] : labels->items()) // nlohmann objects iterate in key order
        parts.push_back(key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
    return join(parts, ",");
}

std::string formatSelector(const Json *selector) {
    if (!selector || selector->is_null())
        return "<none>";
    auto parsed = model::LabelSelector::fromJson(*selector);
    if (!parsed)
        return "<error>";
    return parsed->toString();
}

void containerCells(const Json &podSpec, std::string &names, std::string &images) {
    std::vector<std::string> n, i;
    if (const Json *containers = at(podSpec, {"containers"}); containers && containers->is_array())
        for (const auto &c : *containers) {
            n.push_back(stringAt(c, {"name"}));
            i.push_back(stringAt(c, {"image"}));
        }
    names = join(n, ",");
    images = join(i, ",");
}

} // namespace cox::printers
