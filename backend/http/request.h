// The HTTP request/response types shared by the HTTPS server (transport) and the API handlers.
// The server owns sockets, TLS, limits and timeouts; a Handler sees a fully read request and
// answers either with one Response or with a chunked stream (watch, log follow).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cox::http {

// Header names compared case-insensitively.
struct CaseInsensitiveLess {
    bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Request {
    std::string method;                            // "GET", "POST", ...
    std::string target;                            // raw target: "/api/v1/pods?limit=500"
    std::string path;                              // percent-decoded path: "/api/v1/pods"
    std::multimap<std::string, std::string> query; // decoded query parameters
    Headers headers;
    std::string body;
    std::string remoteAddress; // "127.0.0.1:53122"
    // The peer's verified TLS client certificate subject CN, if one was presented.
    std::string clientCertCommonName;
    // Its subject O entries (Kubernetes groups), filled together with clientCertCommonName.
    std::vector<std::string> clientCertOrganizations;

    // First value of a query parameter, or `fallback`.
    std::string queryValue(std::string_view name, std::string_view fallback = {}) const;
    bool hasQuery(std::string_view name) const;
    std::string header(std::string_view name) const; // "" when absent
};

struct Response {
    int status = 200;
    Headers headers; // Content-Type etc.
    std::string body;
};

// Where a handler writes its answer. Exactly one of send() or beginStream() is called.
class ResponseSink {
public:
    virtual ~ResponseSink() = default;
    virtual void send(Response response) = 0;
    // Starts a chunked response (Transfer-Encoding: chunked). Returns false if the client is gone.
    virtual bool beginStream(int status, const Headers &headers) = 0;
    // Writes and flushes one chunk. Returns false if the client is gone: stop streaming.
    virtual bool writeChunk(std::string_view data) = 0;
    // Ends the chunked response (zero-length chunk).
    virtual void endStream() = 0;
    // True once the peer has closed its side (checked between chunks while idle).
    virtual bool clientGone() = 0;
};

// Runs on the connection's thread; may block (e.g. a watch loop) until the stream ends.
using Handler = std::function<void(const Request &, ResponseSink &)>;

} // namespace cox::http
