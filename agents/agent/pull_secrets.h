// imagePullSecrets: the registry credentials a pod names, read through the node's API credential.
// Secrets of type kubernetes.io/dockerconfigjson (".dockerconfigjson") and the legacy
// kubernetes.io/dockercfg (".dockercfg") are searched in the pod's order for the image's registry;
// the first match wins. A missing or unreadable secret is skipped with a warning, as the kubelet
// does (the pull may still succeed anonymously). Credentials are never logged.
#pragma once

#include "api_client.h"
#include "runtime/runtime.h"

#include <optional>
#include <string>

namespace cox::agent {

std::optional<ImageAuth> pullAuthFor(ApiClient &api, const Json &pod, const std::string &image);

} // namespace cox::agent
