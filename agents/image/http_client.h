// HttpClient: a small HTTP/1.1 client for registries (Boost.Beast). HTTPS with the system CAs
// plus an optional extra CA file; plain HTTP only for loopback hosts (127.0.0.0/8, ::1,
// localhost) and hosts configured as insecure, as Docker does. Follows redirects (blob
// downloads usually redirect to storage) and can stream a large body straight into a file.
// One connection per request; thread-safe.
#pragma once

#include "common/result.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cox::image {

struct HttpClientConfig {
    std::vector<std::string> insecureRegistries; // "host" or "host:port" allowed over plain HTTP
    std::string extraCaFile;                     // PEM bundle trusted besides the system CAs
    std::chrono::milliseconds connectTimeout{15'000};
    std::chrono::milliseconds idleTimeout{60'000}; // no byte for this long fails the request
    std::string userAgent = "coxswain-agent";
};

struct HttpRequest {
    std::string method = "GET";
    std::string url; // http(s)://host[:port]/path?query
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // When set, a 2xx response body is written to this file instead of `body`.
    std::string responseFile;
    int64_t maxFileBody = -1; // a larger streamed body fails the request (-1: no limit)
    size_t maxBodyInMemory = 16 << 20;
    int maxRedirects = 10;
};

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;                           // empty when streamed to a file
    std::string finalUrl;                       // after redirects
    int64_t bodyBytes = 0;

    std::string header(const std::string &lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

struct ParsedUrl {
    bool https = true;
    std::string host; // without brackets
    std::string port; // always set
    std::string target = "/";

    static Result<ParsedUrl> parse(const std::string &url);
    std::string hostPort() const; // as written in Host headers, IPv6 bracketed
};

class HttpClient {
public:
    explicit HttpClient(HttpClientConfig config);
    ~HttpClient();

    // Transport errors are Status values; any HTTP status (404, 401, ...) is a response.
    Result<HttpResponse> send(const HttpRequest &request) const;

    // http:// for loopback or insecure registries, https:// otherwise.
    std::string schemeFor(const std::string &hostPort) const;
    static bool isLoopback(const std::string &host);

private:
    Result<HttpResponse> sendOnce(const HttpRequest &request, const ParsedUrl &url) const;
    // The system CAs and extraCaFile into the TLS context; once, before the first HTTPS request.
    void loadTrust() const;

    struct Impl;
    HttpClientConfig m_config;
    std::unique_ptr<Impl> m_impl;
};

// Resolves a Location header against the URL it came from.
std::string resolveUrl(const std::string &base, const std::string &location);

} // namespace cox::image
