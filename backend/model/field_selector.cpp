#include "model/field_selector.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace cox::model {

namespace {

// Fields Kubernetes always renders, so "absent" compares as their zero value, not "".
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kZeroValues{{
    {"spec.unschedulable", "false"},
    {"spec.hostNetwork", "false"},
    {"status.replicas", "0"},
    {"status.successful", "0"},
}};

struct KindFields {
    std::string_view kind;
    std::string_view resource;
    std::vector<std::string_view> fields;
};

// Kubernetes' per-kind field label conversion functions (pkg/apis/*/v1/conversion.go).
const std::vector<KindFields> &supportedFields() {
    static const std::vector<KindFields> table = {
        {"Pod",
         "pods",
         {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
          "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"}},
        {"Node", "nodes", {"spec.unschedulable"}},
        {"Event",
         "events",
         {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
          "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
          "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"}},
        {"Secret", "secrets", {"type"}},
        {"Namespace", "namespaces", {"status.phase"}},
        {"ReplicaSet", "replicasets", {"status.replicas"}},
        {"ReplicationController", "replicationcontrollers", {"status.replicas"}},
        {"Job", "jobs", {"status.successful"}},
        {"CertificateSigningRequest", "certificatesigningrequests", {"spec.signerName"}},
    };
    return table;
}

// Splits on separators not preceded by a backslash; escapes stay in the pieces.
std::vector<std::string_view> splitTerms(std::string_view text) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
            continue;
        }
        if (text[i] == ',') {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(text.substr(start));
    return parts;
}

// Finds the first unescaped operator: "!=", "==" or "=" (checked in that order, as Kubernetes).
bool splitTerm(std::string_view term, FieldSelector::Requirement &out, std::string_view &rawValue) {
    for (size_t i = 0; i < term.size(); ++i) {
        if (term[i] == '\\') {
            ++i;
            continue;
        }
        std::string_view rest = term.substr(i);
        for (std::string_view op : {"!=", "==", "="}) {
            if (rest.starts_with(op)) {
                out.field = std::string(term.substr(0, i));
                out.equals = op != "!=";
                rawValue = rest.substr(op.size());
                return !out.field.empty();
            }
        }
    }
    return false;
}

std::optional<std::string> unescape(std::string_view raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out += raw[i];
            continue;
        }
        if (i + 1 == raw.size() || (raw[i + 1] != '\\' && raw[i + 1] != ',' && raw[i + 1] != '='))
            return std::nullopt;
        out += raw[++i];
    }
    return out;
}

std::string escape(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == ',' || c == '=')
            out += '\\';
        out += c;
    }
    return out;
}

std::string render(const Json &value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer() || value.is_number_unsigned())
        return value.dump();
    if (value.is_number_float())
        return value.dump();
    return "";
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

Result<FieldSelector> FieldSelector::parse(std::string_view text) {
    FieldSelector selector;
    for (std::string_view part : splitTerms(text)) {
        if (part.empty())
            continue;
        Requirement r;
        std::string_view rawValue;
        if (!splitTerm(part, r, rawValue)) {
            return Status(StatusCode::BadRequest, "invalid selector: '" + std::string(text) +
                                                      "'; can't understand '" + std::string(part) +
                                                      "'");
        }
        auto value = unescape(rawValue);
        if (!value) {
            return Status(StatusCode::BadRequest,
                          "invalid field selector value: invalid escape sequence in '" +
                              std::string(rawValue) + "'");
        }
        r.value = std::move(*value);
        selector.m_requirements.push_back(std::move(r));
    }
    // Sorted like Kubernetes, so the text form is canonical.
    std::stable_sort(selector.m_requirements.begin(), selector.m_requirements.end(),
                     [](const Requirement &a, const Requirement &b) { return a.field < b.field; });
    return selector;
}

std::string FieldSelector::fieldValue(const Json &object, std::string_view field) {
    const Json *node = &object;
    size_t start = 0;
    while (node) {
        size_t dot = field.find('.', start);
        std::string key(field.substr(start, dot == std::string_view::npos ? dot : dot - start));
        auto it = node->is_object() ? node->find(key) : node->end();
        node = node->is_object() && it != node->end() && !it->is_null() ? &*it : nullptr;
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (node && node->is_object() && field == "source" && node->contains("component"))
        return render((*node)["component"]);
    if (node)
        return render(*node);
    for (const auto &[name, zero] : kZeroValues) {
        if (name == field)
            return std::string(zero);
    }
    return "";
}

bool FieldSelector::matches(const Json &object) const {
    return std::all_of(m_requirements.begin(), m_requirements.end(), [&](const Requirement &r) {
        return (fieldValue(object, r.field) == r.value) == r.equals;
    });
}

Status FieldSelector::checkSupported(std::string_view kind) const {
    const KindFields *entry = nullptr;
    for (const auto &k : supportedFields()) {
        if (k.kind == kind || equalsIgnoreCase(k.resource, kind))
            entry = &k;
    }
    for (const auto &r : m_requirements) {
        if (r.field == "metadata.name" || r.field == "metadata.namespace")
            continue;
        bool allowed = entry && std::find(entry->fields.begin(), entry->fields.end(), r.field) !=
                                    entry->fields.end();
        if (!allowed)
            return Status(StatusCode::BadRequest, "field label not supported: " + r.field);
    }
    return Status::ok();
}

std::optional<std::string> FieldSelector::requiredValue(std::string_view field) const {
    for (const auto &r : m_requirements) {
        if (r.equals && r.field == field)
            return r.value;
    }
    return std::nullopt;
}

std::string FieldSelector::toString() const {
    std::string out;
    for (const auto &r : m_requirements)
        out += (out.empty() ? "" : ",") + r.field + (r.equals ? "=" : "!=") + escape(r.value);
    return out;
}

} // namespace cox::model
