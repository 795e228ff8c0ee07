// Kubernetes' imagePullPolicy: Always, IfNotPresent, Never, with the API server's default
// (Always for ":latest" or no tag, else IfNotPresent), and the decision whether to pull.
#pragma once

#include "common/result.h"
#include "image/image_reference.h"

#include <string_view>

namespace cox::image {

enum class PullPolicy { Always, IfNotPresent, Never };

// "" picks the default for the reference.
Result<PullPolicy> parsePullPolicy(std::string_view text, const ImageReference &ref);
PullPolicy defaultPullPolicy(const ImageReference &ref);
std::string_view pullPolicyName(PullPolicy policy);

enum class PullDecision { Pull, UsePresent };
// Never + missing is an error whose message starts with "ErrImageNeverPull", as the kubelet
// reports it in the container's waiting reason.
Result<PullDecision> decidePull(PullPolicy policy, bool present, const std::string &image);

} // namespace cox::image
