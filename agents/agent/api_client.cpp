#include "api_client.h"

namespace cox::agent {

namespace {

constexpr size_t kMaxIdleConnections = 4;

} // namespace

Status statusFromResponse(int httpStatus, const std::string &body) {
    std::string message = "HTTP " + std::to_string(httpStatus);
    Json doc = Json::parse(body, nullptr, false);
    if (doc.is_object() && doc.contains("message") && doc["message"].is_string())
        message = doc["message"].get<std::string>();
    StatusCode code = statusCodeForHttp(httpStatus);
    // 409 AlreadyExists and 409 Conflict share a status; the reason tells them apart.
    if (httpStatus == 409 && doc.is_object() && doc.value("reason", "") == "AlreadyExists")
        code = StatusCode::AlreadyExists;
    return Status(code, message);
}

Result<std::unique_ptr<ApiClient>> ApiClient::create(const std::string &serverUrl,
                                                     Credentials credentials) {
    http::ClientConfig config;
    if (Status s = http::Client::parseServerUrl(serverUrl, config.host, config.port); !s)
        return s;
    config.caPem = std::move(credentials.caPem);
    config.clientCertPem = std::move(credentials.certPem);
    config.clientKeyPem = std::move(credentials.keyPem);
    config.bearerToken = std::move(credentials.bearerToken);
    config.connectTimeout = std::chrono::milliseconds(5'000);
    config.requestTimeout = std::chrono::milliseconds(30'000);
    // Fail early on a bad CA or key rather than on the first request.
    auto probe = http::Client::create(config);
    if (!probe)
        return probe.status();
    std::unique_ptr<ApiClient> client(new ApiClient(std::move(config)));
    client->give(std::move(*probe));
    return client;
}

Result<http::Client> ApiClient::take() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            http::Client c = std::move(m_idle.back());
            m_idle.pop_back();
            return c;
        }
    }
    return http::Client::create(m_config);
}

void ApiClient::give(http::Client client) {
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < kMaxIdleConnections)
        m_idle.push_back(std::move(client));
}

void ApiClient::releaseConnections() {
    std::lock_guard lock(m_mutex);
    for (auto &c : m_idle)
        c.disconnect();
}

Result<Json> ApiClient::call(const std::string &method, const std::string &path, const Json *body,
                             const std::string &contentType) {
    auto client = take();
    if (!client)
        return client.status();
    http::Headers headers{{"Accept", "application/json"}};
    std::string text;
    if (body && !body->is_null()) {
        headers["Content-Type"] = contentType;
        text = body->dump();
    }
    auto response = client->request(method, path, text, headers);
    if (!response)
        return Status(StatusCode::Unavailable, response.status().message());
    give(std::move(*client));
    if (response->status < 200 || response->status > 299)
        return statusFromResponse(response->status, response->body);
    Json doc = Json::parse(response->body, nullptr, false);
    if (doc.is_discarded())
        return Status(StatusCode::Internal, method + " " + path + ": response is not JSON");
    return doc;
}

Result<Json> ApiClient::get(const std::string &path) {
    return call("GET", path, nullptr, {});
}

Result<Json> ApiClient::post(const std::string &path, const Json &body) {
    return call("POST", path, &body, "application/json");
}

Result<Json> ApiClient::put(const std::string &path, const Json &body) {
    return call("PUT", path, &body, "application/json");
}

Result<Json> ApiClient::patch(const std::string &path, const Json &body,
                              const std::string &contentType) {
    return call("PATCH", path, &body, contentType);
}

Result<Json> ApiClient::del(const std::string &path, const Json &body) {
    return call("DELETE", path, body.is_null() ? nullptr : &body, "application/json");
}

Result<std::unique_ptr<http::ClientStream>> ApiClient::stream(const std::string &path) {
    auto client = take();
    if (!client)
        return client.status();
    auto s = client->stream("GET", path, {{"Accept", "application/json"}});
    give(std::move(*client));
    if (!s) {
        // stream() reports non-2xx answers as errors whose message is the body.
        const std::string &msg = s.status().message();
        Json doc = Json::parse(msg, nullptr, false);
        if (doc.is_object() && doc.contains("code") && doc["code"].is_number())
            return statusFromResponse(doc["code"].get<int>(), msg);
        return Status(StatusCode::Unavailable, msg);
    }
    return s;
}

} // namespace cox::agent
