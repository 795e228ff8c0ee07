#include "auth/authenticator.h"

#include <cctype>

namespace cox::auth {

namespace {

UserInfo withAuthenticatedGroup(UserInfo user) {
    if (!user.inGroup(kGroupAuthenticated))
        user.groups.emplace_back(kGroupAuthenticated);
    return user;
}

// The token of "Bearer <token>" (scheme case-insensitive), or "" when malformed.
std::string bearerToken(const std::string &header) {
    constexpr std::string_view kScheme = "bearer";
    if (header.size() <= kScheme.size() + 1 || header[kScheme.size()] != ' ')
        return {};
    for (size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i])
            return {};
    }
    size_t start = header.find_first_not_of(' ', kScheme.size());
    size_t end = header.find_last_not_of(" \t");
    if (start == std::string::npos)
        return {};
    return header.substr(start, end - start + 1);
}

} // namespace

Result<UserInfo> Authenticator::authenticate(const http::Request &request) const {
    if (!request.clientCertCommonName.empty())
        return withAuthenticatedGroup(
            UserInfo{request.clientCertCommonName, request.clientCertOrganizations});
    std::string header = request.header("Authorization");
    if (header.empty())
        return Status(StatusCode::Unauthorized, "Unauthorized");
    std::string token = bearerToken(header);
    if (token.empty())
        return Status(StatusCode::Unauthorized, "Unauthorized: expected a bearer token");
    auto entry = m_tokens.lookup(token);
    if (!entry)
        return Status(StatusCode::Unauthorized, "Unauthorized");
    if (entry->expiry && *entry->expiry <= m_clock.now())
        return Status(StatusCode::Unauthorized, "Unauthorized: token expired");
    return withAuthenticatedGroup(UserInfo{entry->user, entry->groups});
}

} // namespace cox::auth
