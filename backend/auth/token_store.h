// Bearer tokens, file-backed (DATA_DIR/auth/tokens.json, mode 0600, atomic rewrite). Only the
// SHA-256 of each token is kept, in memory and on disk: a leaked file or core dump yields no
// usable credential. Raw tokens are returned once, at creation, and never logged.
#pragma once

#include "common/result.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cox::auth {

struct TokenEntry {
    std::string tokenHash; // lower-case hex SHA-256 of the raw token
    std::string user;
    std::vector<std::string> groups;
    std::optional<std::chrono::system_clock::time_point> expiry;
    std::string description;
};

// 32 random bytes (OpenSSL RAND), base64url without padding: 43 characters.
std::string generateToken();
std::string hashToken(std::string_view rawToken);

class TokenStore {
public:
    // Loads `path` if it exists; an empty path keeps tokens in memory only (tests, one-shot).
    static Result<std::unique_ptr<TokenStore>> open(std::string path);

    // Mints a new token for `user`, persists its hash and returns the raw token.
    Result<std::string> create(const std::string &user, const std::vector<std::string> &groups,
                               std::optional<std::chrono::system_clock::time_point> expiry,
                               const std::string &description);
    // Registers a token whose raw value the caller chose (bootstrap tokens "id.secret").
    Status add(std::string_view rawToken, TokenEntry entry);
    // Removes by token hash; NotFound when absent.
    Status remove(const std::string &tokenHash);

    // The entry for a raw token, compared in constant time against every stored hash. Expiry is
    // not checked here (the authenticator has the clock).
    std::optional<TokenEntry> lookup(std::string_view rawToken) const;
    std::vector<TokenEntry> list() const;

private:
    explicit TokenStore(std::string path)
        : m_path(std::move(path)) {}
    Status load();
    Status persistLocked() const;

    std::string m_path;
    mutable std::mutex m_mutex;
    std::vector<TokenEntry> m_entries;
};

} // namespace cox::auth
