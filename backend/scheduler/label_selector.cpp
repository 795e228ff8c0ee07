#include "scheduler/label_selector.h"

#include <algorithm>
#include <charconv>

namespace cox::scheduler {
namespace {

Result<Requirement::Op> parseOp(const std::string &text, bool allowNumeric) {
    using Op = Requirement::Op;
    if (text == "In")
        return Op::In;
    if (text == "NotIn")
        return Op::NotIn;
    if (text == "Exists")
        return Op::Exists;
    if (text == "DoesNotExist")
        return Op::DoesNotExist;
    if (allowNumeric && text == "Gt")
        return Op::Gt;
    if (allowNumeric && text == "Lt")
        return Op::Lt;
    return Status(StatusCode::BadRequest, "\"" + text + "\" is not a valid selector operator");
}

bool parseInt(const std::string &text, int64_t &out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

Result<Requirement> Requirement::fromJson(const model::Json &json, bool allowNumeric) {
    if (!json.is_object() || !json.contains("key") || !json["key"].is_string())
        return Status(StatusCode::BadRequest, "selector requirement needs a key");
    Requirement out;
    out.key = json["key"].get<std::string>();
    auto op = parseOp(json.value("operator", std::string()), allowNumeric);
    if (!op)
        return op.status();
    out.op = *op;
    if (auto it = json.find("values"); it != json.end() && it->is_array()) {
        for (const auto &value : *it)
            if (value.is_string())
                out.values.push_back(value.get<std::string>());
    }
    bool needsValues = out.op == Op::In || out.op == Op::NotIn;
    bool numeric = out.op == Op::Gt || out.op == Op::Lt;
    if (needsValues && out.values.empty())
        return Status(StatusCode::BadRequest, "operator In/NotIn needs values");
    if (numeric && out.values.size() != 1)
        return Status(StatusCode::BadRequest, "operator Gt/Lt needs exactly one value");
    return out;
}

bool Requirement::matchesValue(const std::string *value) const {
    auto contains = [&] {
        return std::find(values.begin(), values.end(), *value) != values.end();
    };
    switch (op) {
    case Op::In:
        return value && contains();
    case Op::NotIn:
        return !value || !contains();
    case Op::Exists:
        return value != nullptr;
    case Op::DoesNotExist:
        return value == nullptr;
    case Op::Gt:
    case Op::Lt: {
        int64_t have = 0;
        int64_t want = 0;
        if (!value || !parseInt(*value, have) || !parseInt(values.front(), want))
            return false;
        return op == Op::Gt ? have > want : have < want;
    }
    }
    return false;
}

bool Requirement::matches(const Labels &labels) const {
    auto it = labels.find(key);
    return matchesValue(it == labels.end() ? nullptr : &it->second);
}

Result<LabelSelector> LabelSelector::fromJson(const model::Json &json) {
    LabelSelector out;
    if (json.is_null())
        return out;
    if (!json.is_object())
        return Status(StatusCode::BadRequest, "label selector must be an object");
    out.m_nothing = false;
    if (auto it = json.find("matchLabels"); it != json.end() && it->is_object()) {
        for (const auto &[key, value] : it->items())
            out.m_matchLabels.emplace_back(key, value.is_string() ? value.get<std::string>() : "");
    }
    if (auto it = json.find("matchExpressions"); it != json.end() && it->is_array()) {
        for (const auto &expression : *it) {
            auto requirement = Requirement::fromJson(expression, false);
            if (!requirement)
                return requirement.status();
            out.m_expressions.push_back(std::move(*requirement));
        }
    }
    return out;
}

LabelSelector LabelSelector::everything() {
    LabelSelector out;
    out.m_nothing = false;
    return out;
}

bool LabelSelector::matches(const Labels &labels) const {
    if (m_nothing)
        return false;
    for (const auto &[key, value] : m_matchLabels) {
        auto it = labels.find(key);
        if (it == labels.end() || it->second != value)
            return false;
    }
    for (const auto &requirement : m_expressions)
        if (!requirement.matches(labels))
            return false;
    return true;
}

Result<NodeSelectorTerm> NodeSelectorTerm::fromJson(const model::Json &json) {
    NodeSelectorTerm out;
    for (const char *field : {"matchExpressions", "matchFields"}) {
        auto it = json.find(field);
        if (it == json.end() || !it->is_array())
            continue;
        auto &target = field[5] == 'E' ? out.matchExpressions : out.matchFields;
        for (const auto &expression : *it) {
            auto requirement = Requirement::fromJson(expression, true);
            if (!requirement)
                return requirement.status();
            target.push_back(std::move(*requirement));
        }
    }
    return out;
}

bool NodeSelectorTerm::matches(const Labels &nodeLabels, const std::string &nodeName) const {
    // Kubernetes: a term with no requirements at all matches no node.
    if (matchExpressions.empty() && matchFields.empty())
        return false;
    for (const auto &requirement : matchExpressions)
        if (!requirement.matches(nodeLabels))
            return false;
    for (const auto &requirement : matchFields) {
        // metadata.name is the only supported field, as in Kubernetes.
        if (requirement.key != "metadata.name" || !requirement.matchesValue(&nodeName))
            return false;
    }
    return true;
}

Labels labelsFromJson(const model::Json &json) {
    Labels out;
    if (!json.is_object())
        return out;
    for (const auto &[key, value] : json.items())
        if (value.is_string())
            out.emplace(key, value.get<std::string>());
    return out;
}

} // namespace cox::scheduler
