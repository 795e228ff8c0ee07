// Join tokens on the control plane side: DATA_DIR/join-token (0600) holds the default token
// "K10<CA hash>::<id>.<secret>" (no expiry), registered as a bootstrap token; `coxswain-master
// token create` adds more (with an expiry) to the same token file while the master runs.
//
// The master's TokenStore reads its file once at start, so a running master learns of tokens
// added by another process through TokenFileWatcher: when a bearer token is unknown, the file's
// modification time and size are compared with the last load and, if they changed, the file is
// read again. Only failed authentications pay for the stat, and a reload happens once per change.
#pragma once

#include "auth/authenticator.h"
#include "auth/join_token.h"
#include "auth/token_store.h"
#include "common/clock.h"
#include "common/result.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace cox::controlplane {

// Reads DATA_DIR/join-token, or creates it; a token pinning another CA (the PKI was recreated)
// is replaced. Makes sure `tokens` knows its bearer part. Returns the full join token.
Result<std::string> loadOrCreateJoinToken(const std::string &dataDir, const std::string &caHash,
                                          auth::TokenStore &tokens);

// `coxswain-master token create`: a new join token registered in DATA_DIR/auth/tokens.json,
// expiring after `ttl` (none = never). Works while a master runs on the same data directory.
Result<std::string> createJoinToken(const std::string &dataDir,
                                    std::optional<std::chrono::seconds> ttl, const Clock &clock);

// Authenticates against a token file that other processes may extend (see the overview).
class TokenFileWatcher {
public:
    TokenFileWatcher(std::string path, const Clock &clock);

    // The user of the request's bearer token per the file's current content, or Unauthorized.
    Result<auth::UserInfo> authenticate(const http::Request &request);

private:
    std::shared_ptr<const auth::TokenStore> reloadIfChanged();

    std::string m_path;
    const Clock &m_clock;
    std::mutex m_mutex;
    std::shared_ptr<const auth::TokenStore> m_store;
    std::pair<int64_t, int64_t> m_seen{-1, -1}; // (mtime ns, size) of the last load
};

} // namespace cox::controlplane
