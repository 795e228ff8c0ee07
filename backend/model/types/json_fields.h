// Lenient JSON <-> struct helpers for the typed objects: a FieldReader copies fields that are
// present, keeps defaults for missing or null ones, ignores unknown ones, and remembers the first
// field whose JSON type is wrong; the put* writers omit empty/zero values as Kubernetes'
// `omitempty` does.
#pragma once

#include "common/status.h"
#include "model/json.h"
#include "model/quantity.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cox::model {

class FieldReader {
public:
    FieldReader(const Json &object, std::string path);

    void read(const char *key, std::string &out);
    void read(const char *key, bool &out);
    void read(const char *key, int64_t &out);
    void read(const char *key, int32_t &out);
    void read(const char *key, std::optional<int64_t> &out);
    void read(const char *key, std::optional<int32_t> &out);
    void read(const char *key, std::optional<bool> &out);
    void read(const char *key, std::vector<std::string> &out);
    void read(const char *key, std::map<std::string, std::string> &out);
    void read(const char *key, std::map<std::string, Quantity> &out);
    void read(const char *key, Json &out); // kept verbatim

    // Nested struct with `static Result<T> fromJson(const Json &)`.
    template<typename T>
    void object(const char *key, T &out) {
        if (const Json *v = find(key, Json::value_t::object, "object"))
            adopt(T::fromJson(*v), out, key);
    }
    template<typename T>
    void object(const char *key, std::optional<T> &out) {
        if (const Json *v = find(key, Json::value_t::object, "object")) {
            T value;
            adopt(T::fromJson(*v), value, key);
            out = std::move(value);
        }
    }
    template<typename T>
    void list(const char *key, std::vector<T> &out) {
        const Json *v = find(key, Json::value_t::array, "array");
        if (!v)
            return;
        out.clear();
        for (size_t i = 0; i < v->size() && m_status.isOk(); ++i) {
            T item;
            adopt(T::fromJson((*v)[i]), item, std::string(key) + "[" + std::to_string(i) + "]");
            out.push_back(std::move(item));
        }
    }

    const Status &status() const { return m_status; }
    bool ok() const { return m_status.isOk(); }

private:
    const Json *find(const char *key, Json::value_t type, const char *typeName);
    void fail(const char *key, const char *expected, const Json &got);
    // Takes a nested fromJson() result; its error message gets this field's path in front.
    template<typename T, typename R>
    void adopt(R &&result, T &out, const std::string &label) {
        if (result.isOk()) {
            out = std::move(result).value();
            return;
        }
        if (m_status.isOk()) {
            const Status nested = result.status(); // a copy: status() returns by value
            const std::string &message = nested.message();
            bool bare = message.starts_with("expected ");
            m_status =
                Status(result.status().code(), m_path + label + (bare ? ": " : ".") + message);
        }
    }

    const Json &m_object;
    std::string m_path; // "spec." etc, for messages
    Status m_status;
};

// Wrong type for a whole object: the message every fromJson() gives for a non-object.
Status notAnObject(const char *typeName, const Json &got);

void putString(Json &j, const char *key, const std::string &v);
void putInt(Json &j, const char *key, int64_t v);
void putBool(Json &j, const char *key, bool v);
void putOptional(Json &j, const char *key, const std::optional<int64_t> &v);
void putOptional(Json &j, const char *key, const std::optional<int32_t> &v);
void putOptional(Json &j, const char *key, const std::optional<bool> &v);
void putStrings(Json &j, const char *key, const std::vector<std::string> &v);
void putMap(Json &j, const char *key, const std::map<std::string, std::string> &v);
void putQuantities(Json &j, const char *key, const std::map<std::string, Quantity> &v);
void putJson(Json &j, const char *key, const Json &v); // omitted when null

template<typename T>
void putList(Json &j, const char *key, const std::vector<T> &items) {
    if (items.empty())
        return;
    Json array = Json::array();
    for (const auto &item : items)
        array.push_back(item.toJson());
    j[key] = std::move(array);
}

template<typename T>
void putObject(Json &j, const char *key, const std::optional<T> &v) {
    if (v)
        j[key] = v->toJson();
}

// Nested struct written only when it has any field set.
template<typename T>
void putObject(Json &j, const char *key, const T &v) {
    Json nested = v.toJson();
    if (!nested.empty())
        j[key] = std::move(nested);
}

} // namespace cox::model
