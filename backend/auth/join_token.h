// Node join tokens, k3s style: "K10<sha256 hex of the CA certificate>::<id>.<secret>".
// The hash lets a joining node pin the cluster CA before trusting anything the server says;
// "<id>.<secret>" is the bootstrap bearer token (group system:bootstrappers).
#pragma once

#include "auth/token_store.h"
#include "common/result.h"

#include <string>
#include <string_view>

namespace cox::auth {

struct JoinToken {
    std::string caHash; // 64 lower-case hex characters
    std::string id;     // 6 of [a-z0-9]
    std::string secret; // 16 of [a-z0-9]

    // The bearer token a joining node presents: "<id>.<secret>".
    std::string bearer() const { return id + "." + secret; }
};

Result<JoinToken> parseJoinToken(std::string_view text);
std::string formatJoinToken(const JoinToken &token);
// A fresh token (random id and secret) pinning `caHash`.
JoinToken generateJoinToken(const std::string &caHash);
// Registers the token's bearer part as user "system:bootstrap:<id>" in system:bootstrappers.
Status registerBootstrapToken(TokenStore &store, const JoinToken &token,
                              std::optional<std::chrono::system_clock::time_point> expiry);

} // namespace cox::auth
