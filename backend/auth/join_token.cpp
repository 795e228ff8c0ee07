#include "auth/join_token.h"

#include "auth/authorizer.h"
#include "tls/crypto.h"

namespace cox::auth {

namespace {

constexpr std::string_view kPrefix = "K10";
constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

bool allOf(std::string_view s, size_t length, std::string_view alphabet) {
    return s.size() == length && s.find_first_not_of(alphabet) == std::string_view::npos;
}

std::string randomFromAlphabet(size_t length) {
    std::string out;
    // Rejection sampling keeps every character equally likely (256 % 36 != 0).
    while (out.size() < length) {
        for (unsigned char c : tls::randomBytes(length)) {
            if (c < 252 && out.size() < length)
                out.push_back(kAlphabet[c % kAlphabet.size()]);
        }
    }
    return out;
}

} // namespace

Result<JoinToken> parseJoinToken(std::string_view text) {
    auto invalid = [](const char *why) {
        return Status(StatusCode::Invalid, std::string("invalid join token: ") + why);
    };
    if (text.substr(0, kPrefix.size()) != kPrefix)
        return invalid("must start with K10");
    text.remove_prefix(kPrefix.size());
    size_t sep = text.find("::");
    if (sep == std::string_view::npos)
        return invalid("missing '::'");
    JoinToken token;
    token.caHash = std::string(text.substr(0, sep));
    std::string_view credential = text.substr(sep + 2);
    size_t dot = credential.find('.');
    if (dot == std::string_view::npos)
        return invalid("missing '.' between id and secret");
    token.id = std::string(credential.substr(0, dot));
    token.secret = std::string(credential.substr(dot + 1));
    if (!allOf(token.caHash, 64, "0123456789abcdef"))
        return invalid("CA hash must be 64 lower-case hex characters");
    if (!allOf(token.id, 6, kAlphabet))
        return invalid("id must be 6 characters of [a-z0-9]");
    if (!allOf(token.secret, 16, kAlphabet))
        return invalid("secret must be 16 characters of [a-z0-9]");
    return token;
}

std::string formatJoinToken(const JoinToken &token) {
    return std::string(kPrefix) + token.caHash + "::" + token.id + "." + token.secret;
}

JoinToken generateJoinToken(const std::string &caHash) {
    return JoinToken{caHash, randomFromAlphabet(6), randomFromAlphabet(16)};
}

Status registerBootstrapToken(TokenStore &store, const JoinToken &token,
                              std::optional<std::chrono::system_clock::time_point> expiry) {
    return store.add(token.bearer(), TokenEntry{{},
                                                "system:bootstrap:" + token.id,
                                                {kGroupBootstrappers},
                                                expiry,
                                                "bootstrap token " + token.id});
}

} // namespace cox::auth
