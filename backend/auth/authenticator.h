// Who is calling: a verified TLS client certificate (CN = user, O = groups) or a bearer token
// from the TokenStore. Every authenticated user also gets system:authenticated.
#pragma once

#include "auth/token_store.h"
#include "auth/user.h"
#include "common/clock.h"
#include "common/result.h"
#include "http/request.h"

namespace cox::auth {

class Authenticator {
public:
    Authenticator(const TokenStore &tokens, const Clock &clock)
        : m_tokens(tokens)
        , m_clock(clock) {}

    // Unauthorized when no credential is presented, the token is unknown or expired, or the
    // Authorization header is not a bearer token. The certificate is trusted as-is: the server
    // only fills clientCertCommonName after verifying the chain against the cluster CA.
    Result<UserInfo> authenticate(const http::Request &request) const;

private:
    const TokenStore &m_tokens;
    const Clock &m_clock;
};

} // namespace cox::auth
