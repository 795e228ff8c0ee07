// Registry credentials: the username/password (or identity token) a pod's imagePullSecret
// carries, parsed from a docker config.json ("auths" map, the shape of a
// kubernetes.io/dockerconfigjson secret) or the legacy .dockercfg map, plus parsing of the
// registry's WWW-Authenticate challenge. Credentials are never logged or put in error messages.
#pragma once

#include "common/result.h"
#include "runtime/runtime.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cox::image {

using RegistryAuth = agent::ImageAuth;

struct AuthChallenge {
    std::string scheme;                        // lower-case: "basic" or "bearer"
    std::map<std::string, std::string> params; // realm, service, scope, ...
};

// Parses `Bearer realm="https://auth",service="registry",scope="repository:x:pull"`.
Result<AuthChallenge> parseAuthChallenge(std::string_view header);

// The credentials in a docker config.json for `registryDomain` ("docker.io",
// "127.0.0.1:5000"); nullopt when the file has no entry for it. Keys may carry a scheme and path
// ("https://index.docker.io/v1/").
Result<std::optional<RegistryAuth>> authFromDockerConfig(std::string_view configJson,
                                                         const std::string &registryDomain);

std::string base64Encode(std::string_view data);
Result<std::string> base64Decode(std::string_view text);

} // namespace cox::image
