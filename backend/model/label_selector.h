// LabelSelector: Kubernetes label selectors in both forms - the query string form used by
// ?labelSelector= ("a=b,c!=d,e in (x,y),f notin (z),g,!h") and metav1.LabelSelector JSON
// (matchLabels + matchExpressions). Keys and values are validated with the label rules of
// validation.h, so a selector that parses can never silently match on an impossible label.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/validation.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

class LabelSelector {
public:
    enum class Operator {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan
    };

    struct Requirement {
        std::string key;
        Operator op = Operator::Exists;
        std::vector<std::string> values; // sorted, unique; one for Equals/NotEquals/Gt/Lt

        // Absent labels satisfy NotEquals/NotIn/DoesNotExist only (Kubernetes semantics).
        bool matches(const std::map<std::string, std::string> &labels) const;
        std::string toString() const;
    };

    // The empty selector: matches every object.
    LabelSelector() = default;
    // A selector that matches no object (what a null metav1.LabelSelector means).
    static LabelSelector nothing();
    // Equality on each pair (Service.spec.selector, matchLabels). Keys/values are not validated.
    static LabelSelector fromMap(const std::map<std::string, std::string> &labels);

    // Query-string form. BadRequest with a message naming the offending part.
    static Result<LabelSelector> parse(std::string_view text);
    // metav1.LabelSelector JSON. null -> nothing(), {} -> everything. Invalid (422) on rule
    // violations, message is the joined FieldErrors.
    static Result<LabelSelector> fromJson(const Json &selector);
    // The field errors fromJson() would report, with paths under `fieldPath`
    // (e.g. "spec.selector"), for schema validation that collects errors of the whole object.
    static FieldErrors validateJson(const Json &selector, const std::string &fieldPath);

    bool matches(const std::map<std::string, std::string> &labels) const;
    // `labels` is a metadata.labels object (null or missing -> no labels). Non-string values
    // never equal a selector value.
    bool matches(const Json &labels) const;

    // True when it matches everything (no requirements).
    bool empty() const { return !m_nothing && m_requirements.empty(); }
    bool matchesNothing() const { return m_nothing; }
    const std::vector<Requirement> &requirements() const { return m_requirements; }

    // Canonical query-string form, requirements sorted by key: "app=web,tier in (a,b)".
    std::string toString() const;

    void add(Requirement requirement);

private:
    std::vector<Requirement> m_requirements;
    bool m_nothing = false;
};

} // namespace cox::model
