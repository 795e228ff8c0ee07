#include "controlplane/join_tokens.h"

#include "common/log.h"
#include "controlplane/admin_credentials.h"
#include "tls/certificate.h"
#include "tls/crypto.h"

#include <sys/stat.h>

namespace cox::controlplane {

namespace {

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
        s.pop_back();
    return s;
}

std::pair<int64_t, int64_t> fileStamp(const std::string &path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return {0, 0};
    return {static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
            static_cast<int64_t>(st.st_size)};
}

} // namespace

Result<std::string> loadOrCreateJoinToken(const std::string &dataDir, const std::string &caHash,
                                          auth::TokenStore &tokens) {
    const std::string path = dataDir + "/join-token";
    std::string text;
    std::optional<auth::JoinToken> token;
    if (tls::readFile(path, text)) {
        auto parsed = auth::parseJoinToken(trim(text));
        if (parsed && parsed->caHash == caHash)
            token = *parsed;
    }
    const bool fresh = !token;
    if (fresh)
        token = auth::generateJoinToken(caHash);
    if (!tokens.lookup(token->bearer())) {
        if (Status s = auth::registerBootstrapToken(tokens, *token, std::nullopt); !s)
            return s;
    }
    std::string formatted = auth::formatJoinToken(*token);
    if (fresh) {
        if (Status s = writeSecretFile(path, formatted + "\n"); !s)
            return s;
        COX_LOG(Info, "controlplane") << "join token written to " << path;
    }
    return formatted;
}

Result<std::string> createJoinToken(const std::string &dataDir,
                                    std::optional<std::chrono::seconds> ttl, const Clock &clock) {
    std::string caPem;
    if (Status s = tls::readFile(dataDir + "/pki/ca.crt", caPem); !s)
        return Status(s.code(), "reading the cluster CA in " + dataDir + "/pki: " + s.message());
    auto ca = tls::Certificate::fromPem(caPem);
    if (!ca)
        return ca.status();
    auto tokens = auth::TokenStore::open(dataDir + "/auth/tokens.json");
    if (!tokens)
        return tokens.status();
    auth::JoinToken token = auth::generateJoinToken(ca->sha256Hex());
    std::optional<WallTime> expiry;
    if (ttl)
        expiry = clock.now() + *ttl;
    if (Status s = auth::registerBootstrapToken(**tokens, token, expiry); !s)
        return s;
    return auth::formatJoinToken(token);
}

TokenFileWatcher::TokenFileWatcher(std::string path, const Clock &clock)
    : m_path(std::move(path))
    , m_clock(clock) {}

std::shared_ptr<const auth::TokenStore> TokenFileWatcher::reloadIfChanged() {
    std::lock_guard lock(m_mutex);
    auto stamp = fileStamp(m_path);
    if (stamp == m_seen)
        return m_store;
    auto store = auth::TokenStore::open(m_path);
    if (!store) {
        COX_LOG(Warn, "controlplane")
            << "cannot reload " << m_path << ": " << store.status().message();
        return m_store;
    }
    m_store = std::shared_ptr<const auth::TokenStore>(std::move(*store));
    m_seen = stamp;
    return m_store;
}

Result<auth::UserInfo> TokenFileWatcher::authenticate(const http::Request &request) {
    auto store = reloadIfChanged();
    if (!store)
        return Status(StatusCode::Unauthorized, "Unauthorized");
    return auth::Authenticator(*store, m_clock).authenticate(request);
}

} // namespace cox::controlplane
