// Node restriction admission: a node credential ("system:node:NAME") may write only its own Node,
// its Lease in kube-node-lease, the status of pods bound to it, deletions of those pods, and
// Events. Everything else it writes is refused with 403 whatever the authorizer said.
#pragma once

#include "auth/user.h"
#include "common/status.h"
#include "model/json.h"
#include "model/resource_type.h"

#include <string>

namespace cox::apiserver {

// `verb` is create/update/patch/delete; `subresource` "" or "status", "binding", "eviction".
// `old` is null for create; `updated` is null for delete.
Status admitNodeWrite(const auth::UserInfo &user, const std::string &verb,
                      const model::ResourceType &type, const std::string &subresource,
                      const model::Json *old, const model::Json *updated);

} // namespace cox::apiserver
