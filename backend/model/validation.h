// Field-level validation results and the name/label rules every kind shares. Messages follow
// Kubernetes' wording so clients (and users who know Kubernetes) recognise them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

struct FieldError {
    enum class Type { Required, Invalid, NotSupported, Duplicate, Forbidden, TooLong, TooMany };
    Type type = Type::Invalid;
    std::string field; // path as Kubernetes prints it: "spec.containers[0].name", "metadata.labels"
    std::string badValue; // the offending value rendered as text; empty for Required
    std::string detail;   // why; e.g. the DNS-1123 rule

    // "spec.containers[0].name: Required value", "metadata.name: Invalid value: \"A\": a
    // lowercase..."
    std::string toString() const;
    // Kubernetes' StatusCause reason: "FieldValueRequired", "FieldValueInvalid", ...
    std::string reason() const;
};

using FieldErrors = std::vector<FieldError>;

// Each returns the list of rule violations (empty = valid), worded like Kubernetes'
// k8s.io/apimachinery/pkg/util/validation.
std::vector<std::string>
checkDns1123Label(std::string_view value); // <= 63, [a-z0-9]([-a-z0-9]*[a-z0-9])?
std::vector<std::string>
checkDns1123Subdomain(std::string_view value); // <= 253, dot-separated labels
std::vector<std::string>
checkQualifiedName(std::string_view value); // label/annotation key: [prefix/]name
std::vector<std::string> checkLabelValue(std::string_view value); // <= 63, may be empty
std::vector<std::string>
checkCIdentifier(std::string_view value); // env var names (relaxed: [-._a-zA-Z][-._a-zA-Z0-9]*)
std::vector<std::string> checkPortNumber(long long port); // 1..65535
std::vector<std::string> checkIPv4(std::string_view value);

inline bool isDns1123Label(std::string_view v) {
    return checkDns1123Label(v).empty();
}
inline bool isDns1123Subdomain(std::string_view v) {
    return checkDns1123Subdomain(v).empty();
}

} // namespace cox::model
