#include "image/pull_policy.h"

namespace cox::image {

PullPolicy defaultPullPolicy(const ImageReference &ref) {
    return ref.isLatest() ? PullPolicy::Always : PullPolicy::IfNotPresent;
}

Result<PullPolicy> parsePullPolicy(std::string_view text, const ImageReference &ref) {
    if (text.empty()) {
        return defaultPullPolicy(ref);
    }
    if (text == "Always") {
        return PullPolicy::Always;
    }
    if (text == "IfNotPresent") {
        return PullPolicy::IfNotPresent;
    }
    if (text == "Never") {
        return PullPolicy::Never;
    }
    return Status(StatusCode::Invalid, "unknown imagePullPolicy \"" + std::string(text) +
                                           "\" (Always, IfNotPresent or Never)");
}

std::string_view pullPolicyName(PullPolicy policy) {
    switch (policy) {
    case PullPolicy::Always:
        return "Always";
    case PullPolicy::IfNotPresent:
        return "IfNotPresent";
    case PullPolicy::Never:
        return "Never";
    }
    return "Always";
}

Result<PullDecision> decidePull(PullPolicy policy, bool present, const std::string &image) {
    switch (policy) {
    case PullPolicy::Always:
        return PullDecision::Pull;
    case PullPolicy::IfNotPresent:
        return present ? PullDecision::UsePresent : PullDecision::Pull;
    case PullPolicy::Never:
        if (present) {
            return PullDecision::UsePresent;
        }
        return Status(StatusCode::NotFound, "ErrImageNeverPull: container image \"" + image +
                                                "\" is not present with pull policy of Never");
    }
    return PullDecision::Pull;
}

} // namespace cox::image
