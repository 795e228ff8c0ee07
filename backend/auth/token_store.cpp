#include "auth/token_store.h"

#include "common/clock.h"
#include "tls/crypto.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cox::auth {

namespace {

nlohmann::json toJson(const TokenEntry &e) {
    nlohmann::json j = {{"sha256", e.tokenHash},
                        {"user", e.user},
                        {"groups", e.groups},
                        {"description", e.description}};
    if (e.expiry)
        j["expiry"] = formatRfc3339(*e.expiry);
    return j;
}

Result<TokenEntry> fromJson(const nlohmann::json &j) {
    TokenEntry e;
    if (!j.is_object() || !j.contains("sha256") || !j.contains("user"))
        return Status(StatusCode::Invalid, "token entry needs sha256 and user");
    e.tokenHash = j.at("sha256").get<std::string>();
    e.user = j.at("user").get<std::string>();
    e.groups = j.value("groups", std::vector<std::string>{});
    e.description = j.value("description", "");
    if (j.contains("expiry")) {
        WallTime t;
        if (!parseRfc3339(j.at("expiry").get<std::string>(), t))
            return Status(StatusCode::Invalid, "bad token expiry");
        e.expiry = t;
    }
    return e;
}

} // namespace

std::string generateToken() {
    return tls::base64UrlEncode(tls::randomBytes(32));
}

std::string hashToken(std::string_view rawToken) {
    return tls::sha256HexOfData(rawToken);
}

Result<std::unique_ptr<TokenStore>> TokenStore::open(std::string path) {
    std::unique_ptr<TokenStore> store(new TokenStore(std::move(path)));
    if (Status s = store->load(); !s)
        return s;
    return store;
}

Status TokenStore::load() {
    if (m_path.empty())
        return Status::ok();
    std::string text;
    Status s = tls::readFile(m_path, text);
    if (s.code() == StatusCode::NotFound)
        return Status::ok();
    if (!s)
        return s;
    try {
        auto doc = nlohmann::json::parse(text);
        for (const auto &item : doc.at("tokens")) {
            auto entry = fromJson(item);
            if (!entry)
                return Status(StatusCode::Invalid, m_path + ": " + entry.status().message());
            m_entries.push_back(std::move(*entry));
        }
    } catch (const nlohmann::json::exception &e) {
        return Status(StatusCode::Invalid, m_path + ": " + e.what());
    }
    return Status::ok();
}

Status TokenStore::persistLocked() const {
    if (m_path.empty())
        return Status::ok();
    nlohmann::json doc = {{"tokens", nlohmann::json::array()}};
    for (const auto &e : m_entries)
        doc["tokens"].push_back(toJson(e));
    return tls::writeFileAtomic(m_path, doc.dump(2) + "\n", 0600);
}

Result<std::string> TokenStore::create(const std::string &user,
                                       const std::vector<std::string> &groups,
                                       std::optional<std::chrono::system_clock::time_point> expiry,
                                       const std::string &description) {
    std::string token = generateToken();
    if (Status s = add(token, TokenEntry{{}, user, groups, expiry, description}); !s)
        return s;
    return token;
}

Status TokenStore::add(std::string_view rawToken, TokenEntry entry) {
    if (rawToken.size() < 16)
        return Status(StatusCode::Invalid, "token too short");
    if (entry.user.empty())
        return Status(StatusCode::Invalid, "token needs a user");
    entry.tokenHash = hashToken(rawToken);
    std::lock_guard lock(m_mutex);
    for (const auto &e : m_entries) {
        if (e.tokenHash == entry.tokenHash)
            return Status(StatusCode::AlreadyExists, "token already registered");
    }
    m_entries.push_back(std::move(entry));
    if (Status s = persistLocked(); !s) {
        m_entries.pop_back();
        return s;
    }
    return Status::ok();
}

Status TokenStore::remove(const std::string &tokenHash) {
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const TokenEntry &e) { return e.tokenHash == tokenHash; });
    if (it == m_entries.end())
        return Status(StatusCode::NotFound, "no such token");
    TokenEntry removed = std::move(*it);
    m_entries.erase(it);
    if (Status s = persistLocked(); !s) {
        m_entries.push_back(std::move(removed));
        return s;
    }
    return Status::ok();
}

std::optional<TokenEntry> TokenStore::lookup(std::string_view rawToken) const {
    std::string hash = hashToken(rawToken);
    std::optional<TokenEntry> found;
    std::lock_guard lock(m_mutex);
    // Visit every entry so the time taken does not reveal which one (if any) matched.
    for (const auto &e : m_entries) {
        if (tls::constantTimeEquals(e.tokenHash, hash))
            found = e;
    }
    return found;
}

std::vector<TokenEntry> TokenStore::list() const {
    std::lock_guard lock(m_mutex);
    return m_entries;
}

} // namespace cox::auth
