#include "model/schema_check.h"

#include <cmath>
#include <limits>

namespace cox::model {

namespace {

std::string lastSegment(const std::string &component) {
    auto pos = component.rfind('.');
    return pos == std::string::npos ? component : component.substr(pos + 1);
}

// The Go type Kubernetes would name in its decode error.
std::string goTypeName(const Schema &s) {
    switch (s.type) {
    case SchemaType::Object: {
        if (s.componentName.empty())
            return "struct";
        // "io.k8s.api.core.v1.PodSpec" -> "v1.PodSpec"
        auto last = s.componentName.rfind('.');
        auto prev = s.componentName.rfind('.', last - 1);
        return s.componentName.substr(prev + 1);
    }
    case SchemaType::Map:
        return "map[string]" + (s.items ? goTypeName(*s.items) : std::string("interface {}"));
    case SchemaType::Array:
        return "[]" + (s.items ? goTypeName(*s.items) : std::string("interface {}"));
    case SchemaType::String:
        return s.format == "byte" ? "[]uint8" : (s.format == "date-time" ? "v1.Time" : "string");
    case SchemaType::Integer:
        return s.format.empty() ? "int" : s.format;
    case SchemaType::Number:
        return "float64";
    case SchemaType::Boolean:
        return "bool";
    case SchemaType::IntOrString:
        return "intstr.IntOrString";
    case SchemaType::Quantity:
        return "resource.Quantity";
    case SchemaType::Any:
        return "interface {}";
    }
    return "interface {}";
}

std::string jsonTypeName(const Json &v) {
    if (v.is_string())
        return "string";
    if (v.is_number())
        return "number";
    if (v.is_boolean())
        return "bool";
    if (v.is_array())
        return "array";
    if (v.is_object())
        return "object";
    return "null";
}

bool integerFits(const Json &v, const std::string &format) {
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (!std::isfinite(d) || std::trunc(d) != d)
            return false;
    }
    if (format != "int32")
        return v.is_number_unsigned() ? v.get<uint64_t>() <= uint64_t(INT64_MAX) : true;
    if (v.is_number_unsigned())
        return v.get<uint64_t>() <= uint64_t(std::numeric_limits<int32_t>::max());
    double d = v.get<double>();
    return d >= std::numeric_limits<int32_t>::min() && d <= std::numeric_limits<int32_t>::max();
}

bool typeMatches(const Schema &s, const Json &v) {
    switch (s.type) {
    case SchemaType::Object:
    case SchemaType::Map:
        return v.is_object();
    case SchemaType::Array:
        return v.is_array();
    case SchemaType::String:
        return v.is_string();
    case SchemaType::Integer:
        return v.is_number() && integerFits(v, s.format);
    case SchemaType::Number:
        return v.is_number();
    case SchemaType::Boolean:
        return v.is_boolean();
    case SchemaType::IntOrString:
        return v.is_string() || (v.is_number() && integerFits(v, "int32"));
    case SchemaType::Quantity:
        return v.is_string() || v.is_number();
    case SchemaType::Any:
        return true;
    }
    return true;
}

class Checker {
public:
    std::vector<SchemaIssue> issues;

    // `path` is the API path with indices, `goPath` the Go decoder's (no indices), `structName`
    // the innermost named struct the value sits in.
    void check(const Schema &s, const Json &v, const std::string &path, const std::string &goPath,
               const std::string &structName) {
        if (v.is_null() || s.type == SchemaType::Any)
            return;
        if (!typeMatches(s, v)) {
            wrongType(s, v, path, goPath, structName);
            return;
        }
        switch (s.type) {
        case SchemaType::Object:
            checkObject(s, v, path, goPath, structName);
            break;
        case SchemaType::Map:
            if (s.items)
                for (const auto &[key, item] : v.items())
                    check(*s.items, item, join(path, key), goPath, structName);
            break;
        case SchemaType::Array:
            if (s.items)
                for (size_t i = 0; i < v.size(); ++i)
                    check(*s.items, v[i], path + "[" + std::to_string(i) + "]", goPath, structName);
            break;
        default:
            break;
        }
    }

private:
    static std::string join(const std::string &parent, const std::string &key) {
        return parent.empty() ? key : parent + "." + key;
    }

    void checkObject(const Schema &s, const Json &v, const std::string &path,
                     const std::string &goPath, const std::string &structName) {
        std::string inner = s.componentName.empty() ? structName : lastSegment(s.componentName);
        for (const auto &[key, item] : v.items()) {
            const Field *f = s.field(key);
            std::string childPath = join(path, key);
            if (!f || !f->schema) {
                issues.push_back({SchemaIssue::Kind::UnknownField, childPath,
                                  "unknown field \"" + childPath + "\""});
                continue;
            }
            check(*f->schema, item, childPath, join(goPath, key), inner);
        }
    }

    void wrongType(const Schema &s, const Json &v, const std::string &path,
                   const std::string &goPath, const std::string &structName) {
        std::string what = jsonTypeName(v);
        if (v.is_number())
            what += " " + v.dump();
        std::string where =
            goPath.empty() ? "Go value" : "Go struct field " + structName + "." + goPath;
        issues.push_back(
            {SchemaIssue::Kind::WrongType, path,
             "json: cannot unmarshal " + what + " into " + where + " of type " + goTypeName(s)});
    }
};

} // namespace

std::vector<SchemaIssue> checkSchema(const Schema &schema, const Json &value) {
    Checker c;
    std::string top = schema.componentName.empty() ? "" : lastSegment(schema.componentName);
    c.check(schema, value, "", "", top);
    return std::move(c.issues);
}

void pruneUnknownFields(const Schema &schema, Json &value) {
    switch (schema.type) {
    case SchemaType::Object: {
        if (!value.is_object())
            return;
        for (auto it = value.begin(); it != value.end();) {
            const Field *f = schema.field(it.key());
            if (!f) {
                it = value.erase(it);
                continue;
            }
            if (f->schema)
                pruneUnknownFields(*f->schema, it.value());
            ++it;
        }
        return;
    }
    case SchemaType::Map:
    case SchemaType::Array:
        if (!schema.items || !value.is_structured())
            return;
        for (auto &item : value)
            pruneUnknownFields(*schema.items, item);
        return;
    default:
        return;
    }
}

} // namespace cox::model
