// FieldSelector: Kubernetes field selectors ("metadata.name=x,spec.nodeName!=y", "==" too),
// evaluated against an object's JSON by dotted path. Which fields a kind may be selected on is
// Kubernetes' per-kind whitelist (checkSupported), kept apart from matching so a list/watch
// handler can reject an unsupported field with 400 before it touches the store.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

class FieldSelector {
public:
    struct Requirement {
        std::string field;  // dotted path: "spec.nodeName"
        bool equals = true; // false: "!="
        std::string value;
    };

    // The empty selector: matches every object.
    FieldSelector() = default;

    // BadRequest "invalid selector: '<text>'; can't understand '<term>'" on a malformed term.
    // Backslash escapes '\,' '\=' '\\' inside values, as Kubernetes allows. Terms are kept
    // sorted by field, so toString() is canonical.
    static Result<FieldSelector> parse(std::string_view text);

    // Missing fields compare as "" (booleans Kubernetes always renders, spec.unschedulable and
    // spec.hostNetwork, compare as "false"); booleans render "true"/"false", numbers as
    // decimal text. Event "source" compares against source.component, as in Kubernetes.
    bool matches(const Json &object) const;

    // BadRequest "field label not supported: <field>" for the first field Kubernetes does not
    // allow on `kind` (metadata.name and metadata.namespace are allowed for every kind).
    Status checkSupported(std::string_view kind) const;

    // The value an "=" term pins `field` to, if any: lets a list/watch use an index
    // (spec.nodeName=node-1) instead of scanning.
    std::optional<std::string> requiredValue(std::string_view field) const;

    bool empty() const { return m_requirements.empty(); }
    const std::vector<Requirement> &requirements() const { return m_requirements; }
    // "a=b,c!=d", values escaped again.
    std::string toString() const;

    // The text a field of `object` compares as (exposed for table printers and tests).
    static std::string fieldValue(const Json &object, std::string_view field);

private:
    std::vector<Requirement> m_requirements;
};

} // namespace cox::model
