// Legacy discovery documents (what kubectl falls back to and caches): APIVersions at /api,
// APIGroupList at /apis, APIGroup at /apis/{group}, and APIResourceList per group-version with
// short names, categories and subresources - all built from the resource registry.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <string>

namespace cox::apiserver {

model::Json apiVersions(const std::string &serverAddress);
model::Json apiGroupList();
// NotFound when the group is not served.
Result<model::Json> apiGroup(const std::string &group);
// `group` "" for the core group. NotFound when the group-version is not served.
Result<model::Json> apiResourceList(const std::string &group, const std::string &version);

} // namespace cox::apiserver
