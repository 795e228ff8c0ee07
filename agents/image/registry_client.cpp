#include "image/registry_client.h"

#include "common/log.h"
#include "image/sha256.h"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace cox::image {
namespace {

std::string urlEncode(const std::string &s) {
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// The registry's own error text ({"errors":[{"code":..,"message":..}]}), when it sent one.
std::pair<std::string, std::string> registryError(const std::string &body) {
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array() &&
        !doc["errors"].empty() && doc["errors"][0].is_object()) {
        const auto &e = doc["errors"][0];
        return {e.value("code", ""), e.value("message", "")};
    }
    return {};
}

} // namespace

RegistryClient::RegistryClient(const HttpClient &http, ImageReference ref,
                               std::optional<RegistryAuth> auth)
    : m_http(http)
    , m_ref(std::move(ref))
    , m_auth(std::move(auth)) {}

std::string RegistryClient::baseUrl() const {
    std::string host = m_ref.registryHost();
    return m_http.schemeFor(host) + host + "/v2/" + m_ref.repository;
}

Result<HttpResponse> RegistryClient::send(HttpRequest request) {
    for (int attempt = 0;; ++attempt) {
        HttpRequest current = request;
        if (!m_authorization.empty()) {
            current.headers.emplace_back("Authorization", m_authorization);
        }
        auto response = m_http.send(current);
        if (!response || response->status != 401 || attempt > 0) {
            return response;
        }
        if (auto s = answerChallenge(*response); !s) {
            return s;
        }
    }
}

Status RegistryClient::answerChallenge(const HttpResponse &unauthorized) {
    std::string who = m_ref.name() + ":" + m_ref.manifestReference();
    auto challenge = parseAuthChallenge(unauthorized.header("www-authenticate"));
    bool haveCredentials = m_auth && (!m_auth->username.empty() || !m_auth->identityToken.empty());
    if (!challenge) {
        return Status(StatusCode::Unauthorized,
                      "unauthorized: " + who + " requires authentication the agent cannot answer");
    }
    if (challenge->scheme == "basic") {
        if (!haveCredentials || m_auth->username.empty()) {
            return Status(StatusCode::Unauthorized,
                          "unauthorized: authentication required to pull " + who +
                              " (no credentials given; add an imagePullSecret for " + m_ref.domain +
                              ")");
        }
        m_authorization = "Basic " + base64Encode(m_auth->username + ":" + m_auth->password);
        return Status::ok();
    }
    if (challenge->scheme != "bearer" || challenge->params["realm"].empty()) {
        return Status(StatusCode::Unauthorized, "unauthorized: unsupported auth scheme \"" +
                                                    challenge->scheme + "\" for " + who);
    }
    std::string scope = challenge->params["scope"];
    if (scope.empty()) {
        scope = "repository:" + m_ref.repository + ":pull";
    }
    HttpRequest tokenRequest;
    std::string realm = challenge->params["realm"];
    std::string query =
        "service=" + urlEncode(challenge->params["service"]) + "&scope=" + urlEncode(scope);
    if (haveCredentials && !m_auth->identityToken.empty()) {
        // OAuth2 refresh-token grant, as Docker does with an identity token.
        tokenRequest.method = "POST";
        tokenRequest.url = realm;
        tokenRequest.body = "grant_type=refresh_token&client_id=coxswain&refresh_token=" +
                            urlEncode(m_auth->identityToken) + "&" + query;
        tokenRequest.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    } else {
        tokenRequest.url = realm + (realm.find('?') == std::string::npos ? "?" : "&") + query;
        if (haveCredentials) {
            tokenRequest.headers.emplace_back(
                "Authorization",
                "Basic " + base64Encode(m_auth->username + ":" + m_auth->password));
        }
    }
    tokenRequest.maxBodyInMemory = 1 << 20;
    auto token = m_http.send(tokenRequest);
    if (!token) {
        return Status(StatusCode::Unavailable,
                      "token service for " + m_ref.domain + ": " + token.status().message());
    }
    if (token->status == 401 || token->status == 403) {
        return Status(
            StatusCode::Unauthorized,
            "unauthorized: the token service refused " +
                std::string(haveCredentials ? "the given credentials" : "anonymous access") +
                " for " + who);
    }
    auto doc = nlohmann::json::parse(token->body, nullptr, false);
    std::string value;
    if (token->status == 200 && doc.is_object()) {
        value = doc.value("token", doc.value("access_token", ""));
    }
    if (value.empty()) {
        return Status(StatusCode::Unavailable, "token service for " + m_ref.domain + " answered " +
                                                   std::to_string(token->status) +
                                                   " without a token");
    }
    m_authorization = "Bearer " + value;
    return Status::ok();
}

Status RegistryClient::errorFor(const HttpResponse &response, const std::string &what) {
    auto [code, message] = registryError(response.body);
    std::string who = m_ref.name() + ":" + m_ref.manifestReference();
    if (!m_ref.digest.empty()) {
        who = m_ref.name() + "@" + m_ref.digest;
    }
    switch (response.status) {
    case 401:
        return Status(StatusCode::Unauthorized,
                      "unauthorized: " +
                          (m_auth ? std::string("credentials rejected")
                                  : std::string("authentication required")) +
                          " to pull " + who);
    case 403:
        return Status(StatusCode::Forbidden, "denied: access to " + who + " is forbidden" +
                                                 (message.empty() ? "" : " (" + message + ")"));
    case 404:
        if (what == "manifest" || code == "NAME_UNKNOWN" || code == "MANIFEST_UNKNOWN") {
            return Status(StatusCode::NotFound, "manifest unknown: " + who);
        }
        return Status(StatusCode::NotFound, "blob unknown: " + what + " of " + who);
    case 429:
        return Status(StatusCode::TooManyRequests,
                      "toomanyrequests: " + m_ref.domain + " rate-limits pulls; retry later");
    default:
        return Status(StatusCode::Unavailable, "registry " + m_ref.domain + " answered " +
                                                   std::to_string(response.status) + " for the " +
                                                   what + " of " + who +
                                                   (message.empty() ? "" : ": " + message));
    }
}

Result<FetchedManifest> RegistryClient::manifest(const std::string &reference) {
    HttpRequest request;
    request.url = baseUrl() + "/manifests/" + reference;
    request.headers.emplace_back("Accept", media::acceptHeader());
    request.maxBodyInMemory = 4 << 20;
    auto response = send(request);
    if (!response) {
        return response.status();
    }
    if (response->status != 200) {
        return errorFor(*response, "manifest");
    }
    FetchedManifest out;
    out.body = std::move(response->body);
    out.digest = Sha256::of(out.body);
    out.mediaType = manifestMediaType(out.body, response->header("content-type"));
    if (Sha256::isValidDigest(reference) && out.digest != reference) {
        return Status(StatusCode::Invalid, "digest mismatch for manifest " + reference +
                                               " (registry sent " + out.digest + ")");
    }
    if (out.mediaType.starts_with("application/vnd.docker.distribution.manifest.v1")) {
        return Status(StatusCode::Invalid, "image " + m_ref.canonical() +
                                               " uses the retired Docker schema 1 manifest; "
                                               "push it again with a current client");
    }
    return out;
}

Result<std::string> RegistryClient::blob(const Descriptor &descriptor, const std::string &what) {
    HttpRequest request;
    request.url = baseUrl() + "/blobs/" + descriptor.digest;
    request.maxBodyInMemory = static_cast<size_t>(std::min<int64_t>(descriptor.size, 64 << 20)) + 1;
    auto response = send(request);
    if (!response) {
        return response.status();
    }
    if (response->status != 200) {
        return errorFor(*response, what);
    }
    if (static_cast<int64_t>(response->body.size()) != descriptor.size) {
        return Status(StatusCode::Invalid, "size mismatch for " + what + " " + descriptor.digest +
                                               " (expected " + std::to_string(descriptor.size) +
                                               " bytes, registry sent " +
                                               std::to_string(response->body.size()) + ")");
    }
    std::string got = Sha256::of(response->body);
    if (got != descriptor.digest) {
        return Status(StatusCode::Invalid, "digest mismatch for " + what + " " + descriptor.digest +
                                               " (registry sent " + got + ")");
    }
    return std::move(response->body);
}

Status RegistryClient::blobToFile(const Descriptor &descriptor, const std::string &path,
                                  const std::string &what) {
    HttpRequest request;
    request.url = baseUrl() + "/blobs/" + descriptor.digest;
    request.responseFile = path;
    request.maxFileBody = descriptor.size; // an endless body must not fill the disk
    auto response = send(request);
    if (!response) {
        return response.status();
    }
    if (response->status != 200) {
        return errorFor(*response, what);
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || st.st_size != descriptor.size) {
        return Status(StatusCode::Invalid, "size mismatch for " + what + " " + descriptor.digest +
                                               " (expected " + std::to_string(descriptor.size) +
                                               " bytes, registry sent " +
                                               std::to_string(st.st_size) + ")");
    }
    auto got = Sha256::ofFile(path);
    if (!got) {
        return got.status();
    }
    if (*got != descriptor.digest) {
        COX_LOG(Warn, "image") << "refusing " << what << " " << descriptor.digest << " of "
                               << m_ref.canonical() << ": content hashes to " << *got;
        return Status(StatusCode::Invalid, "digest mismatch for " + what + " " + descriptor.digest +
                                               " (registry sent " + *got + ")");
    }
    return Status::ok();
}

} // namespace cox::image
