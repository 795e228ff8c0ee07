#include "model/types/json_fields.h"

#include <limits>

namespace cox::model {

namespace {

const char *typeNameOf(const Json &v) {
    switch (v.type()) {
    case Json::value_t::string:
        return "string";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "number";
    case Json::value_t::object:
        return "object";
    case Json::value_t::array:
        return "array";
    default:
        return "null";
    }
}

// Integers arrive as signed, unsigned or (from some clients) integral floats: 3.0.
std::optional<int64_t> asInteger(const Json &v) {
    if (v.is_number_integer() && !v.is_number_unsigned())
        return v.get<int64_t>();
    if (v.is_number_unsigned() && v.get<uint64_t>() <= uint64_t(INT64_MAX))
        return static_cast<int64_t>(v.get<uint64_t>());
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (d == static_cast<double>(static_cast<int64_t>(d)) && d < 9.2e18 && d > -9.2e18)
            return static_cast<int64_t>(d);
    }
    return std::nullopt;
}

} // namespace

Status notAnObject(const char *typeName, const Json &got) {
    return Status(StatusCode::BadRequest,
                  std::string("expected object (") + typeName + "), got " + typeNameOf(got));
}

FieldReader::FieldReader(const Json &object, std::string path)
    : m_object(object)
    , m_path(path.empty() ? path : path + ".") {}

void FieldReader::fail(const char *key, const char *expected, const Json &got) {
    if (m_status.isOk()) {
        m_status = Status(StatusCode::BadRequest,
                          m_path + key + ": expected " + expected + ", got " + typeNameOf(got));
    }
}

const Json *FieldReader::find(const char *key, Json::value_t type, const char *typeName) {
    if (!m_status.isOk() || !m_object.is_object())
        return nullptr;
    auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null())
        return nullptr;
    if (it->type() != type) {
        fail(key, typeName, *it);
        return nullptr;
    }
    return &*it;
}

void FieldReader::read(const char *key, std::string &out) {
    if (const Json *v = find(key, Json::value_t::string, "string"))
        out = v->get<std::string>();
}

void FieldReader::read(const char *key, bool &out) {
    if (const Json *v = find(key, Json::value_t::boolean, "boolean"))
        out = v->get<bool>();
}

void FieldReader::read(const char *key, int64_t &out) {
    std::optional<int64_t> v;
    read(key, v);
    if (v)
        out = *v;
}

void FieldReader::read(const char *key, int32_t &out) {
    std::optional<int32_t> v;
    read(key, v);
    if (v)
        out = *v;
}

void FieldReader::read(const char *key, std::optional<int64_t> &out) {
    if (!m_status.isOk() || !m_object.is_object())
        return;
    auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null())
        return;
    auto value = asInteger(*it);
    if (!value)
        return fail(key, "integer", *it);
    out = *value;
}

void FieldReader::read(const char *key, std::optional<int32_t> &out) {
    std::optional<int64_t> wide;
    read(key, wide);
    if (!wide)
        return;
    if (*wide < std::numeric_limits<int32_t>::min() || *wide > std::numeric_limits<int32_t>::max())
        return fail(key, "32-bit integer", m_object[key]);
    out = static_cast<int32_t>(*wide);
}

void FieldReader::read(const char *key, std::optional<bool> &out) {
    if (const Json *v = find(key, Json::value_t::boolean, "boolean"))
        out = v->get<bool>();
}

void FieldReader::read(const char *key, std::vector<std::string> &out) {
    const Json *v = find(key, Json::value_t::array, "array");
    if (!v)
        return;
    out.clear();
    for (const auto &item : *v) {
        if (!item.is_string())
            return fail(key, "array of strings", *v);
        out.push_back(item.get<std::string>());
    }
}

void FieldReader::read(const char *key, std::map<std::string, std::string> &out) {
    const Json *v = find(key, Json::value_t::object, "object");
    if (!v)
        return;
    out.clear();
    for (const auto &[k, item] : v->items()) {
        if (!item.is_string())
            return fail(key, "map of strings", *v);
        out[k] = item.get<std::string>();
    }
}

void FieldReader::read(const char *key, std::map<std::string, Quantity> &out) {
    const Json *v = find(key, Json::value_t::object, "object");
    if (!v)
        return;
    out.clear();
    for (const auto &[k, item] : v->items()) {
        // Quantities may be written as JSON numbers ("cpu": 2) as well as strings.
        std::string text = item.is_string() ? item.get<std::string>() : item.dump();
        auto q = item.is_string() || item.is_number()
                     ? Quantity::parse(text)
                     : Result<Quantity>(StatusCode::BadRequest, "");
        if (!q.isOk()) {
            if (m_status.isOk()) {
                m_status =
                    Status(StatusCode::BadRequest,
                           m_path + key + "[" + k + "]: " +
                               (item.is_string() || item.is_number()
                                    ? q.status().message()
                                    : "expected quantity, got " + std::string(typeNameOf(item))));
            }
            return;
        }
        out[k] = *q;
    }
}

void FieldReader::read(const char *key, Json &out) {
    if (!m_status.isOk() || !m_object.is_object())
        return;
    auto it = m_object.find(key);
    if (it != m_object.end() && !it->is_null())
        out = *it;
}

void putString(Json &j, const char *key, const std::string &v) {
    if (!v.empty())
        j[key] = v;
}

void putInt(Json &j, const char *key, int64_t v) {
    if (v != 0)
        j[key] = v;
}

void putBool(Json &j, const char *key, bool v) {
    if (v)
        j[key] = true;
}

void putOptional(Json &j, const char *key, const std::optional<int64_t> &v) {
    if (v)
        j[key] = *v;
}

void putOptional(Json &j, const char *key, const std::optional<int32_t> &v) {
    if (v)
        j[key] = *v;
}

void putOptional(Json &j, const char *key, const std::optional<bool> &v) {
    if (v)
        j[key] = *v;
}

void putStrings(Json &j, const char *key, const std::vector<std::string> &v) {
    if (!v.empty())
        j[key] = v;
}

void putMap(Json &j, const char *key, const std::map<std::string, std::string> &v) {
    if (!v.empty())
        j[key] = v;
}

void putQuantities(Json &j, const char *key, const std::map<std::string, Quantity> &v) {
    if (v.empty())
        return;
    Json out = Json::object();
    for (const auto &[name, q] : v)
        out[name] = q.toString();
    j[key] = std::move(out);
}

void putJson(Json &j, const char *key, const Json &v) {
    if (!v.is_null())
        j[key] = v;
}

} // namespace cox::model
