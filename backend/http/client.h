// A synchronous HTTPS client for tests, benchmarks and the node agent: verifies the server
// against a pinned CA, optionally presents a client certificate, sends a bearer token, and
// reuses one keep-alive connection. Watches use stream(), which reads newline-delimited events
// from a chunked response. Not thread-safe: one Client per thread.
#pragma once

#include "common/result.h"
#include "http/client_stream.h"
#include "http/request.h"
#include "tls/ssl_context.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace cox::http {

class TlsStream;

struct ClientConfig {
    std::string host = "127.0.0.1"; // DNS name or IP; verified against the certificate SANs
    uint16_t port = 6443;
    std::string caPem;         // the only trusted CA
    std::string clientCertPem; // optional client identity
    std::string clientKeyPem;
    std::string bearerToken; // sent as "Authorization: Bearer ..." when set
    std::chrono::milliseconds connectTimeout{10'000};
    std::chrono::milliseconds requestTimeout{60'000};
};

class Client {
public:
    using Stream = ClientStream;

    static Result<Client> create(ClientConfig config);
    // Parses "https://host:port" into host/port (IPv6 as "[::1]:6443").
    static Status parseServerUrl(std::string_view url, std::string &host, uint16_t &port);

    Client(Client &&) noexcept;
    Client &operator=(Client &&) noexcept;
    ~Client();

    // One request/response. Non-2xx statuses are values in the Response, not errors; errors
    // are transport failures (connect, TLS, timeout, malformed response).
    Result<Response> request(std::string_view method, std::string_view target,
                             std::string_view body = {}, const Headers &headers = {});
    // Opens a dedicated connection and returns once the response headers arrived. A non-2xx
    // answer is returned as an error whose message is the response body.
    Result<std::unique_ptr<ClientStream>> stream(std::string_view method, std::string_view target,
                                                 const Headers &headers = {});
    // Drops the kept-alive connection.
    void disconnect();
    // How many TLS connections this client has opened (tests check keep-alive reuse with it).
    int connectCount() const { return m_connects; }

private:
    Client(ClientConfig config, tls::SslContextPtr ctx);
    Result<std::unique_ptr<TlsStream>> connect();
    Result<Response> attempt(std::string_view method, std::string_view target,
                             std::string_view body, const Headers &headers, bool &retryable);
    std::string serializeRequest(std::string_view method, std::string_view target,
                                 std::string_view body, const Headers &headers) const;

    ClientConfig m_config;
    tls::SslContextPtr m_ctx;
    std::unique_ptr<TlsStream> m_conn;
    int m_connects = 0;
};

} // namespace cox::http
