#include "model/validation.h"

#include <cstdio>
#include <cstdlib>

namespace cox::model {

namespace {

constexpr size_t kDns1123LabelMaxLength = 63;
constexpr size_t kDns1123SubdomainMaxLength = 253;
constexpr size_t kQualifiedNameMaxLength = 63;
constexpr size_t kLabelValueMaxLength = 63;

constexpr const char *kDns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr const char *kDns1123SubdomainFmt =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr const char *kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr const char *kLabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr const char *kEnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";

// Kubernetes' RegexError, including its quirky double space between examples.
std::string regexError(std::string msg, const char *fmt,
                       std::initializer_list<const char *> examples) {
    if (examples.size() == 0)
        return msg + " (regex used for validation is '" + fmt + "')";
    msg += " (e.g. ";
    bool first = true;
    for (const char *example : examples) {
        if (!first)
            msg += " or ";
        first = false;
        msg += "'" + std::string(example) + "', ";
    }
    return msg + "regex used for validation is '" + fmt + "')";
}

std::string maxLenError(size_t length) {
    return "must be no more than " + std::to_string(length) + " characters";
}

bool isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool isAlnum(char c) {
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool matchesDns1123Label(std::string_view v) {
    if (v.empty() || !isLowerAlnum(v.front()) || !isLowerAlnum(v.back()))
        return false;
    for (char c : v) {
        if (!isLowerAlnum(c) && c != '-')
            return false;
    }
    return true;
}

bool matchesDns1123Subdomain(std::string_view v) {
    size_t start = 0;
    while (true) {
        size_t dot = v.find('.', start);
        if (!matchesDns1123Label(
                v.substr(start, dot == std::string_view::npos ? dot : dot - start)))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchesQualifiedName(std::string_view v) {
    if (v.empty() || !isAlnum(v.front()) || !isAlnum(v.back()))
        return false;
    for (char c : v) {
        if (!isAlnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    }
    return true;
}

std::string qualifiedNameRegexError() {
    return regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and "
        "end with an alphanumeric character",
        kQualifiedNameFmt, {"MyName", "my.name", "123-abc"});
}

// Go's %q for the printable ASCII we expect in field values; other bytes are escaped.
std::string quote(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

// badValue is carried as text; numbers, booleans, null and already-rendered JSON values print
// as they are (Kubernetes prints them with %v), anything else is a string and gets quoted.
bool printsVerbatim(std::string_view v) {
    if (v == "true" || v == "false" || v == "null")
        return true;
    if (!v.empty() && (v.front() == '"' || v.front() == '{' || v.front() == '['))
        return true;
    if (v.empty())
        return false;
    std::string s(v);
    char *end = nullptr;
    std::strtod(s.c_str(), &end);
    bool numeric = end == s.c_str() + s.size();
    // strtod accepts "inf", "nan" and hex; Kubernetes would have printed those as strings.
    return numeric && (isDigit(s.back()) || s.back() == '.') &&
           s.find_first_of("xXnNiI") == std::string::npos;
}

} // namespace

std::string FieldError::toString() const {
    std::string body;
    switch (type) {
    case Type::Required:
        body = "Required value";
        break;
    case Type::Forbidden:
        body = "Forbidden";
        break;
    case Type::TooLong:
        body = "Too long";
        break;
    case Type::Invalid:
        body = "Invalid value";
        break;
    case Type::NotSupported:
        body = "Unsupported value";
        break;
    case Type::Duplicate:
        body = "Duplicate value";
        break;
    case Type::TooMany:
        body = "Too many";
        break;
    }
    bool showsValue = type == Type::Invalid || type == Type::NotSupported ||
                      type == Type::Duplicate || (type == Type::TooMany && !badValue.empty());
    if (showsValue)
        body += ": " + (printsVerbatim(badValue) ? badValue : quote(badValue));
    if (!detail.empty())
        body += ": " + detail;
    return field.empty() ? body : field + ": " + body;
}

std::string FieldError::reason() const {
    switch (type) {
    case Type::Required:
        return "FieldValueRequired";
    case Type::Invalid:
        return "FieldValueInvalid";
    case Type::NotSupported:
        return "FieldValueNotSupported";
    case Type::Duplicate:
        return "FieldValueDuplicate";
    case Type::Forbidden:
        return "FieldValueForbidden";
    case Type::TooLong:
        return "FieldValueTooLong";
    case Type::TooMany:
        return "FieldValueTooMany";
    }
    return "FieldValueInvalid";
}

std::vector<std::string> checkDns1123Label(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > kDns1123LabelMaxLength)
        errs.push_back(maxLenError(kDns1123LabelMaxLength));
    if (!matchesDns1123Label(value)) {
        errs.push_back(regexError("a lowercase RFC 1123 label must consist of lower case "
                                  "alphanumeric characters or '-', and must start and end with an "
                                  "alphanumeric character",
                                  kDns1123LabelFmt, {"my-name", "123-abc"}));
    }
    return errs;
}

std::vector<std::string> checkDns1123Subdomain(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > kDns1123SubdomainMaxLength)
        errs.push_back(maxLenError(kDns1123SubdomainMaxLength));
    if (!matchesDns1123Subdomain(value)) {
        errs.push_back(regexError("a lowercase RFC 1123 subdomain must consist of lower case "
                                  "alphanumeric characters, '-' or '.', and must start and end "
                                  "with an alphanumeric character",
                                  kDns1123SubdomainFmt, {"example.com"}));
    }
    return errs;
}

std::vector<std::string> checkQualifiedName(std::string_view value) {
    std::vector<std::string> errs;
    std::string_view name = value;
    size_t slash = value.find('/');
    if (slash != std::string_view::npos) {
        if (value.find('/', slash + 1) != std::string_view::npos) {
            errs.push_back("a qualified name " + qualifiedNameRegexError() +
                           " with an optional DNS subdomain prefix and '/' (e.g. "
                           "'example.com/MyName')");
            return errs;
        }
        std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty())
            errs.push_back("prefix part must be non-empty");
        for (const auto &msg :
             prefix.empty() ? std::vector<std::string>{} : checkDns1123Subdomain(prefix))
            errs.push_back("prefix part " + msg);
    }
    if (name.empty())
        errs.push_back("name part must be non-empty");
    else if (name.size() > kQualifiedNameMaxLength)
        errs.push_back("name part " + maxLenError(kQualifiedNameMaxLength));
    if (!matchesQualifiedName(name))
        errs.push_back("name part " + qualifiedNameRegexError());
    return errs;
}

std::vector<std::string> checkLabelValue(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > kLabelValueMaxLength)
        errs.push_back(maxLenError(kLabelValueMaxLength));
    if (!value.empty() && !matchesQualifiedName(value)) {
        errs.push_back(regexError("a valid label must be an empty string or consist of "
                                  "alphanumeric characters, '-', '_' or '.', and must start and "
                                  "end with an alphanumeric character",
                                  kLabelValueFmt, {"MyValue", "my_value", "12345"}));
    }
    return errs;
}

std::vector<std::string> checkCIdentifier(std::string_view value) {
    // The relaxed environment-variable rule (Kubernetes' IsEnvVarName): the strict C identifier
    // would reject names such as "my.var" that Kubernetes accepts in env[].name.
    std::vector<std::string> errs;
    bool ok = !value.empty() && !isDigit(value.front());
    for (char c : value) {
        if (!isAlnum(c) && c != '-' && c != '.' && c != '_')
            ok = false;
    }
    if (!ok) {
        errs.push_back(regexError("a valid environment variable name must consist of alphabetic "
                                  "characters, digits, '_', '-', or '.', and must not start with a "
                                  "digit",
                                  kEnvVarNameFmt, {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
    }
    if (value == ".")
        errs.push_back("must not be '.'");
    else if (value == "..")
        errs.push_back("must not be '..'");
    else if (value.starts_with(".."))
        errs.push_back("must not start with '..'");
    return errs;
}

std::vector<std::string> checkPortNumber(long long port) {
    if (port >= 1 && port <= 65535)
        return {};
    return {"must be between 1 and 65535, inclusive"};
}

std::vector<std::string> checkIPv4(std::string_view value) {
    // Dotted quad, no leading zeros (Go's net.ParseIP rejects them since they read as octal).
    int parts = 0;
    size_t start = 0;
    bool ok = true;
    while (ok) {
        size_t dot = value.find('.', start);
        std::string_view part =
            value.substr(start, dot == std::string_view::npos ? dot : dot - start);
        ok = !part.empty() && part.size() <= 3 && (part.size() == 1 || part.front() != '0');
        int number = 0;
        for (char c : part) {
            ok = ok && isDigit(c);
            number = number * 10 + (c - '0');
        }
        ok = ok && number <= 255;
        ++parts;
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (ok && parts == 4)
        return {};
    return {"must be a valid IPv4 address"};
}

} // namespace cox::model
