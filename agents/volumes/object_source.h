// ObjectSource: where the volume manager gets ConfigMaps and Secrets. The agent implements it
// over its API client (cache or direct GET); tests use a fake. A missing object is a NotFound
// Status; any other error is passed on to the caller as is.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <string>

namespace cox::agent::volumes {

using Json = model::Json;

class ObjectSource {
public:
    virtual ~ObjectSource() = default;
    virtual Result<Json> configMap(const std::string &ns, const std::string &name) = 0;
    virtual Result<Json> secret(const std::string &ns, const std::string &name) = 0;
};

} // namespace cox::agent::volumes
