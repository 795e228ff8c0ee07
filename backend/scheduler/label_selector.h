// Label and node selectors as the scheduler evaluates them: metav1.LabelSelector (matchLabels +
// matchExpressions) and v1.NodeSelectorTerm (matchExpressions over labels, matchFields over
// metadata.name). Local to the scheduler so that matching is a few map look-ups, not JSON walks.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <map>
#include <string>
#include <vector>

namespace cox::scheduler {

using Labels = std::map<std::string, std::string, std::less<>>;

// One key/operator/values requirement; Gt and Lt only occur in node selectors.
struct Requirement {
    enum class Op { In, NotIn, Exists, DoesNotExist, Gt, Lt };
    std::string key;
    Op op = Op::In;
    std::vector<std::string> values;

    static Result<Requirement> fromJson(const model::Json &json, bool allowNumeric);
    bool matches(const Labels &labels) const;
    // Matches a single present-or-absent value (used for matchFields on metadata.name).
    bool matchesValue(const std::string *value) const;
};

class LabelSelector {
public:
    // A null or absent selector matches nothing (Kubernetes' LabelSelectorAsSelector(nil)); an
    // empty object matches everything.
    static Result<LabelSelector> fromJson(const model::Json &json);
    static LabelSelector everything();

    bool matches(const Labels &labels) const;
    bool matchesNothing() const { return m_nothing; }

private:
    bool m_nothing = true;
    std::vector<std::pair<std::string, std::string>> m_matchLabels;
    std::vector<Requirement> m_expressions;
};

// Terms of a required node affinity are ORed; requirements within a term are ANDed.
struct NodeSelectorTerm {
    std::vector<Requirement> matchExpressions;
    std::vector<Requirement> matchFields;

    static Result<NodeSelectorTerm> fromJson(const model::Json &json);
    bool matches(const Labels &nodeLabels, const std::string &nodeName) const;
};

Labels labelsFromJson(const model::Json &json);

} // namespace cox::scheduler
