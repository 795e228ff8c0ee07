#include "image/registry_auth.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

namespace cox::image {
namespace {

std::string normaliseRegistryKey(std::string key) {
    for (std::string_view scheme : {"https://", "http://"}) {
        if (key.starts_with(scheme)) {
            key.erase(0, scheme.size());
        }
    }
    key = key.substr(0, key.find('/'));
    if (key == "index.docker.io" || key == "registry-1.docker.io" || key == "docker.io" ||
        key == "registry.hub.docker.com") {
        return "docker.io";
    }
    return key;
}

Result<RegistryAuth> authFromEntry(const nlohmann::json &entry) {
    RegistryAuth auth;
    if (!entry.is_object()) {
        return Status(StatusCode::Invalid, "docker config entry is not an object");
    }
    if (auto it = entry.find("auth");
        it != entry.end() && it->is_string() && !it->get<std::string>().empty()) {
        auto decoded = base64Decode(it->get<std::string>());
        auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos) {
            return Status(StatusCode::Invalid,
                          "docker config \"auth\" is not base64 of username:password");
        }
        auth.username = decoded->substr(0, colon);
        auth.password = decoded->substr(colon + 1);
    }
    if (auto it = entry.find("username"); it != entry.end() && it->is_string()) {
        auth.username = it->get<std::string>();
    }
    if (auto it = entry.find("password"); it != entry.end() && it->is_string()) {
        auth.password = it->get<std::string>();
    }
    if (auto it = entry.find("identitytoken"); it != entry.end() && it->is_string()) {
        auth.identityToken = it->get<std::string>();
    }
    return auth;
}

} // namespace

Result<AuthChallenge> parseAuthChallenge(std::string_view header) {
    AuthChallenge challenge;
    size_t pos = header.find(' ');
    std::string scheme(header.substr(0, pos));
    for (auto &c : scheme) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (scheme.empty()) {
        return Status(StatusCode::Invalid, "empty WWW-Authenticate challenge");
    }
    challenge.scheme = scheme;
    while (pos != std::string_view::npos && pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ',')) {
            ++pos;
        }
        size_t eq = header.find('=', pos);
        if (eq == std::string_view::npos) {
            break;
        }
        std::string key(header.substr(pos, eq - pos));
        for (auto &c : key) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        std::string value;
        pos = eq + 1;
        if (pos < header.size() && header[pos] == '"') {
            ++pos;
            while (pos < header.size() && header[pos] != '"') {
                if (header[pos] == '\\' && pos + 1 < header.size()) {
                    ++pos;
                }
                value.push_back(header[pos++]);
            }
            ++pos; // closing quote
        } else {
            size_t end = header.find(',', pos);
            value =
                std::string(header.substr(pos, end == std::string_view::npos ? end : end - pos));
            pos = end;
        }
        challenge.params[key] = value;
    }
    return challenge;
}

Result<std::optional<RegistryAuth>> authFromDockerConfig(std::string_view configJson,
                                                         const std::string &registryDomain) {
    auto doc = nlohmann::json::parse(configJson, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return Status(StatusCode::Invalid, "docker config is not a JSON object");
    }
    // .dockerconfigjson nests under "auths"; the legacy .dockercfg is the map itself.
    const nlohmann::json &auths = doc.contains("auths") ? doc["auths"] : doc;
    if (!auths.is_object()) {
        return Status(StatusCode::Invalid, "docker config \"auths\" is not an object");
    }
    std::string wanted = normaliseRegistryKey(registryDomain);
    for (const auto &[key, entry] : auths.items()) {
        if (normaliseRegistryKey(key) != wanted) {
            continue;
        }
        auto auth = authFromEntry(entry);
        if (!auth) {
            return Status(auth.status().code(),
                          auth.status().message() + " (registry " + key + ")");
        }
        return std::optional<RegistryAuth>(std::move(*auth));
    }
    return std::optional<RegistryAuth>();
}

std::string base64Encode(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                            reinterpret_cast<const unsigned char *>(data.data()),
                            static_cast<int>(data.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

Result<std::string> base64Decode(std::string_view text) {
    std::string in(text);
    std::erase_if(in, [](char c) { return c == '\n' || c == '\r' || c == ' '; });
    if (in.size() % 4 != 0) {
        return Status(StatusCode::Invalid, "bad base64 length");
    }
    std::string out(in.size() / 4 * 3 + 1, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                            reinterpret_cast<const unsigned char *>(in.data()),
                            static_cast<int>(in.size()));
    if (n < 0) {
        return Status(StatusCode::Invalid, "bad base64");
    }
    size_t padding = 0;
    while (padding < 2 && padding < in.size() && in[in.size() - 1 - padding] == '=') {
        ++padding;
    }
    out.resize(static_cast<size_t>(n) - padding);
    return out;
}

} // namespace cox::image
