// ApiClient: the agent's view of the API server - JSON in, JSON out, HTTP statuses mapped to
// Status codes (401 -> Unauthorized, 403 -> Forbidden, 404 -> NotFound, 409 -> Conflict,
// 410 -> Gone) with the server's message. Thread-safe: a small pool of keep-alive http::Clients,
// each used by one thread at a time; watch streams get their own connection.
#pragma once

#include "common/result.h"
#include "http/client.h"
#include "model/json.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cox::agent {

using model::Json;

struct Credentials {
    std::string caPem;
    std::string certPem; // client certificate (node credential)
    std::string keyPem;
    std::string bearerToken; // bootstrap token (joining only)
};

class ApiClient {
public:
    static Result<std::unique_ptr<ApiClient>> create(const std::string &serverUrl,
                                                     Credentials credentials);

    Result<Json> get(const std::string &path);
    Result<Json> post(const std::string &path, const Json &body);
    Result<Json> put(const std::string &path, const Json &body);
    // Strategic merge patch (what kubectl and the kubelet send for status).
    Result<Json> patch(const std::string &path, const Json &body,
                       const std::string &contentType = "application/merge-patch+json");
    Result<Json> del(const std::string &path, const Json &body = {});
    // A watch (or other streamed) GET on a dedicated connection.
    Result<std::unique_ptr<http::ClientStream>> stream(const std::string &path);
    // Closes idle kept-alive connections (hollow nodes keep none between heartbeats).
    void releaseConnections();

    const std::string &host() const { return m_config.host; }
    uint16_t port() const { return m_config.port; }

private:
    explicit ApiClient(http::ClientConfig config)
        : m_config(std::move(config)) {}
    Result<Json> call(const std::string &method, const std::string &path, const Json *body,
                      const std::string &contentType);
    Result<http::Client> take();
    void give(http::Client client);

    http::ClientConfig m_config;
    std::mutex m_mutex;
    std::vector<http::Client> m_idle;
};

// Maps a non-2xx response to a Status carrying the server's message.
Status statusFromResponse(int httpStatus, const std::string &body);

} // namespace cox::agent
