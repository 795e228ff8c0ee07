// LabelSelectorSpec: the metav1.LabelSelector JSON shape as plain data (round-trips exactly);
// toSelector() turns it into a validated, matchable LabelSelector.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "model/label_selector.h"

#include <map>
#include <string>
#include <vector>

namespace cox::model {

struct LabelSelectorRequirementSpec {
    std::string key;
    std::string operator_; // "In", "NotIn", "Exists", "DoesNotExist"
    std::vector<std::string> values;

    static Result<LabelSelectorRequirementSpec> fromJson(const Json &json);
    Json toJson() const;
};

struct LabelSelectorSpec {
    std::map<std::string, std::string> matchLabels;
    std::vector<LabelSelectorRequirementSpec> matchExpressions;

    static Result<LabelSelectorSpec> fromJson(const Json &json);
    Json toJson() const; // {} when empty: an empty selector is not the same as none
    Result<LabelSelector> toSelector() const { return LabelSelector::fromJson(toJson()); }
};

} // namespace cox::model
