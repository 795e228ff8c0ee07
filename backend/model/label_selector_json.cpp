// LabelSelector from metav1.LabelSelector JSON, validated like Kubernetes'
// ValidateLabelSelector (apimachinery/pkg/apis/meta/v1/validation).
#include "model/label_selector.h"

#include <algorithm>

namespace cox::model {

namespace {

std::string joined(const std::vector<std::string> &messages) {
    std::string out;
    for (const auto &m : messages)
        out += (out.empty() ? "" : "; ") + m;
    return out;
}

void validateMatchLabels(const Json &matchLabels, const std::string &path, FieldErrors &errors) {
    if (!matchLabels.is_object()) {
        errors.push_back(
            {FieldError::Type::Invalid, path, matchLabels.dump(), "must be an object"});
        return;
    }
    for (const auto &[key, value] : matchLabels.items()) {
        for (const auto &msg : checkQualifiedName(key))
            errors.push_back({FieldError::Type::Invalid, path, key, msg});
        if (!value.is_string()) {
            errors.push_back({FieldError::Type::Invalid, path + "[" + key + "]", value.dump(),
                              "must be a string"});
            continue;
        }
        for (const auto &msg : checkLabelValue(value.get<std::string>()))
            errors.push_back({FieldError::Type::Invalid, path, value.get<std::string>(), msg});
    }
}

void validateValues(const Json &expr, const std::string &path, FieldErrors &errors) {
    const Json *values = expr.contains("values") ? &expr["values"] : nullptr;
    if (values && !values->is_null() && !values->is_array()) {
        errors.push_back({FieldError::Type::Invalid, path + ".values", values->dump(),
                          "must be an array of strings"});
        return;
    }
    size_t count = values && values->is_array() ? values->size() : 0;
    std::string op = expr.value("operator", std::string());
    if ((op == "In" || op == "NotIn") && count == 0) {
        errors.push_back({FieldError::Type::Required, path + ".values", "",
                          "must be specified when `operator` is 'In' or 'NotIn'"});
    } else if ((op == "Exists" || op == "DoesNotExist") && count > 0) {
        errors.push_back({FieldError::Type::Forbidden, path + ".values", "",
                          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"});
    }
    for (size_t i = 0; i < count; ++i) {
        std::string itemPath = path + ".values[" + std::to_string(i) + "]";
        const Json &v = (*values)[i];
        if (!v.is_string()) {
            errors.push_back({FieldError::Type::Invalid, itemPath, v.dump(), "must be a string"});
            continue;
        }
        for (const auto &msg : checkLabelValue(v.get<std::string>()))
            errors.push_back({FieldError::Type::Invalid, itemPath, v.get<std::string>(), msg});
    }
}

void validateExpression(const Json &expr, const std::string &path, FieldErrors &errors) {
    if (!expr.is_object()) {
        errors.push_back({FieldError::Type::Invalid, path, expr.dump(), "must be an object"});
        return;
    }
    const Json key = expr.value("key", Json());
    if (!key.is_string()) {
        errors.push_back({FieldError::Type::Required, path + ".key", "", ""});
    } else if (auto msgs = checkQualifiedName(key.get<std::string>()); !msgs.empty()) {
        errors.push_back(
            {FieldError::Type::Invalid, path + ".key", key.get<std::string>(), joined(msgs)});
    }
    const Json op = expr.value("operator", Json());
    static const char *const known[] = {"In", "NotIn", "Exists", "DoesNotExist"};
    bool valid = op.is_string() && std::any_of(std::begin(known), std::end(known),
                                               [&](auto k) { return op.get<std::string>() == k; });
    if (!valid) {
        errors.push_back({FieldError::Type::Invalid, path + ".operator",
                          op.is_string() ? op.get<std::string>() : op.dump(),
                          "not a valid selector operator"});
    }
    validateValues(expr, path, errors);
}

LabelSelector::Operator operatorFrom(const std::string &op) {
    using Op = LabelSelector::Operator;
    if (op == "In")
        return Op::In;
    if (op == "NotIn")
        return Op::NotIn;
    if (op == "Exists")
        return Op::Exists;
    return Op::DoesNotExist;
}

} // namespace

FieldErrors LabelSelector::validateJson(const Json &selector, const std::string &fieldPath) {
    FieldErrors errors;
    if (selector.is_null())
        return errors;
    if (!selector.is_object()) {
        errors.push_back(
            {FieldError::Type::Invalid, fieldPath, selector.dump(), "must be an object"});
        return errors;
    }
    std::string prefix = fieldPath.empty() ? "" : fieldPath + ".";
    if (auto it = selector.find("matchLabels"); it != selector.end() && !it->is_null())
        validateMatchLabels(*it, prefix + "matchLabels", errors);
    if (auto it = selector.find("matchExpressions"); it != selector.end() && !it->is_null()) {
        if (!it->is_array()) {
            errors.push_back({FieldError::Type::Invalid, prefix + "matchExpressions", it->dump(),
                              "must be an array"});
            return errors;
        }
        for (size_t i = 0; i < it->size(); ++i) {
            validateExpression((*it)[i], prefix + "matchExpressions[" + std::to_string(i) + "]",
                               errors);
        }
    }
    return errors;
}

Result<LabelSelector> LabelSelector::fromJson(const Json &selector) {
    if (selector.is_null())
        return nothing();
    FieldErrors errors = validateJson(selector, "");
    if (!errors.empty()) {
        std::string message;
        for (const auto &e : errors)
            message += (message.empty() ? "" : ", ") + e.toString();
        return Status(StatusCode::Invalid, "invalid label selector: " + message);
    }
    LabelSelector result;
    if (auto it = selector.find("matchLabels"); it != selector.end() && it->is_object()) {
        for (const auto &[key, value] : it->items())
            result.add({key, Operator::Equals, {value.get<std::string>()}});
    }
    if (auto it = selector.find("matchExpressions"); it != selector.end() && it->is_array()) {
        for (const auto &expr : *it) {
            Requirement r{expr["key"].get<std::string>(),
                          operatorFrom(expr["operator"].get<std::string>()),
                          {}};
            if (auto values = expr.find("values"); values != expr.end() && values->is_array())
                r.values = values->get<std::vector<std::string>>();
            result.add(std::move(r));
        }
    }
    return result;
}

} // namespace cox::model
