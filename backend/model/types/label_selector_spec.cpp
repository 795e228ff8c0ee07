#include "model/types/label_selector_spec.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<LabelSelectorRequirementSpec> LabelSelectorRequirementSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("LabelSelectorRequirement", json);
    LabelSelectorRequirementSpec r;
    FieldReader in(json, "");
    in.read("key", r.key);
    in.read("operator", r.operator_);
    in.read("values", r.values);
    if (!in.ok())
        return in.status();
    return r;
}

Json LabelSelectorRequirementSpec::toJson() const {
    Json j = Json::object();
    putString(j, "key", key);
    putString(j, "operator", operator_);
    putStrings(j, "values", values);
    return j;
}

Result<LabelSelectorSpec> LabelSelectorSpec::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("LabelSelector", json);
    LabelSelectorSpec s;
    FieldReader in(json, "");
    in.read("matchLabels", s.matchLabels);
    in.list("matchExpressions", s.matchExpressions);
    if (!in.ok())
        return in.status();
    return s;
}

Json LabelSelectorSpec::toJson() const {
    Json j = Json::object();
    putMap(j, "matchLabels", matchLabels);
    putList(j, "matchExpressions", matchExpressions);
    return j;
}

} // namespace cox::model
