// Shared helpers of object validation: error constructors worded like Kubernetes' field package,
// tolerant JSON accessors, and the name rules validation.h does not cover (IANA port names,
// DNS-1035 labels).
#include "model/object_validation_rules.h"

#include <algorithm>
#include <cctype>

namespace cox::model::rules {

namespace {
std::string render(const Json &v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return "null";
    return v.dump();
}

const Json &emptyArray() {
    static const Json a = Json::array();
    return a;
}

const Json &emptyObject() {
    static const Json o = Json::object();
    return o;
}
} // namespace

void Errors::required(std::string path, std::string detail) {
    list.push_back({FieldError::Type::Required, std::move(path), {}, std::move(detail)});
}

void Errors::invalid(std::string path, const Json &value, std::string detail) {
    list.push_back({FieldError::Type::Invalid, std::move(path), render(value), std::move(detail)});
}

void Errors::notSupported(std::string path, const Json &value,
                          std::initializer_list<const char *> supported) {
    std::string detail = "supported values: ";
    bool first = true;
    for (const char *s : supported) {
        detail += std::string(first ? "" : ", ") + "\"" + s + "\"";
        first = false;
    }
    list.push_back(
        {FieldError::Type::NotSupported, std::move(path), render(value), std::move(detail)});
}

void Errors::duplicate(std::string path, const Json &value) {
    list.push_back({FieldError::Type::Duplicate, std::move(path), render(value), {}});
}

void Errors::forbidden(std::string path, std::string detail) {
    list.push_back({FieldError::Type::Forbidden, std::move(path), {}, std::move(detail)});
}

void Errors::tooLong(std::string path, long long max) {
    list.push_back({FieldError::Type::TooLong,
                    std::move(path),
                    {},
                    "must have at most " + std::to_string(max) + " bytes"});
}

void Errors::addAll(const std::string &path, const Json &value,
                    const std::vector<std::string> &msgs) {
    for (const auto &m : msgs)
        invalid(path, value, m);
}

std::string child(const std::string &path, const char *name) {
    return path.empty() ? std::string(name) : path + "." + name;
}

std::string index(const std::string &path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

std::string key(const std::string &path, const std::string &k) {
    return path + "[" + k + "]";
}

const Json *member(const Json &obj, const char *name) {
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(name);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string str(const Json &obj, const char *name) {
    const Json *v = member(obj, name);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::optional<long long> integer(const Json &obj, const char *name) {
    const Json *v = member(obj, name);
    if (!v || !v->is_number_integer())
        return std::nullopt;
    return v->get<long long>();
}

bool boolean(const Json &obj, const char *name) {
    const Json *v = member(obj, name);
    return v && v->is_boolean() && v->get<bool>();
}

const Json &array(const Json &obj, const char *name) {
    const Json *v = member(obj, name);
    return v && v->is_array() ? *v : emptyArray();
}

const Json &object(const Json &obj, const char *name) {
    const Json *v = member(obj, name);
    return v && v->is_object() ? *v : emptyObject();
}

void nonNegative(Errors &errs, const Json &obj, const char *name, const std::string &path) {
    if (auto v = integer(obj, name); v && *v < 0)
        errs.invalid(child(path, name), *v, "must be greater than or equal to 0");
}

std::vector<std::string> checkPortName(const std::string &name) {
    std::vector<std::string> errs;
    if (name.size() > 15)
        errs.push_back("must be no more than 15 characters");
    bool charsOk = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!charsOk)
        errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    if (name.find("--") != std::string::npos)
        errs.push_back("must not contain consecutive hyphens");
    if (std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        errs.push_back("must contain at least one letter (a-z)");
    if (!name.empty() && (name.front() == '-' || name.back() == '-'))
        errs.push_back("must not begin or end with a hyphen");
    return errs;
}

std::vector<std::string> checkDns1035Label(const std::string &name) {
    std::vector<std::string> errs = checkDns1123Label(name);
    if (errs.empty() && !name.empty() && !(name[0] >= 'a' && name[0] <= 'z'))
        errs.push_back("a DNS-1035 label must consist of lower case alphanumeric characters or "
                       "'-', start with an alphabetic character, and end with an alphanumeric "
                       "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                       "'[a-z]([-a-z0-9]*[a-z0-9])?')");
    return errs;
}

void portNumOrName(Errors &errs, const Json &value, const std::string &path) {
    if (value.is_number_integer())
        return errs.addAll(path, value, checkPortNumber(value.get<long long>()));
    if (value.is_string())
        errs.addAll(path, value, checkPortName(value.get<std::string>()));
}

void validateLabels(Errors &errs, const Json &labels, const std::string &path) {
    if (!labels.is_object())
        return;
    for (const auto &[k, v] : labels.items()) {
        errs.addAll(path, k, checkQualifiedName(k));
        if (v.is_string())
            errs.addAll(path, v, checkLabelValue(v.get<std::string>()));
    }
}

} // namespace cox::model::rules
