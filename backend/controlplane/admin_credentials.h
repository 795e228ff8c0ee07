// The admin credential of a control plane: one bearer token in group system:masters, kept in
// DATA_DIR/admin-token (0600) so restarts write the same kubeconfig, and registered (hashed) in
// the token store.
#pragma once

#include "auth/token_store.h"
#include "common/result.h"

#include <string>

namespace cox::controlplane {

// Reads DATA_DIR/admin-token, or mints one on first start; makes sure the token store knows it.
Result<std::string> loadOrCreateAdminToken(const std::string &dataDir, auth::TokenStore &tokens);

// Writes `content` to `path` with mode 0600 through a temp file + rename (never half-written).
Status writeSecretFile(const std::string &path, const std::string &content);

} // namespace cox::controlplane
