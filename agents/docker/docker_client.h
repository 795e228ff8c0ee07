// DockerClient: a small synchronous Docker Engine API client over the daemon's unix socket.
// One connection per call (the daemon is local, connecting costs microseconds, and it keeps the
// client thread-safe without a pool). connect() pings the daemon and negotiates the API version
// (the lower of the daemon's and kMaxApiVersion, 1.41 = Docker 20.10), so every path is sent as
// /v<version>/...; errors become Status values carrying Docker's own "message".
// Every call is counted per route ("POST /containers/{id}/start"), so tests and benchmarks can
// say what a pod costs in daemon calls; with COX_DOCKER_TRACE=1 in the environment each call is
// also logged with its duration (the per-pod timeline of the docker benchmarks).
#pragma once

#include "common/result.h"
#include "docker/unix_stream.h"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace cox::agent::docker {

inline constexpr const char *kDefaultSocket = "/var/run/docker.sock";
inline constexpr const char *kMaxApiVersion = "1.41";

struct DockerRequest {
    std::string method = "GET";
    std::string path; // without the version prefix, e.g. "/containers/json?all=1"
    std::string body;
    std::string contentType = "application/json";
    std::map<std::string, std::string> headers;
    std::chrono::milliseconds timeout{0}; // 0 = the client's default
    bool endless = false; // open(): the body may take forever (logs?follow=1), no deadline
};

struct DockerResponse {
    int status = 0;
    std::string body;
};

// A response whose body is read as it arrives (logs?follow=1, exec output).
class DockerStream {
public:
    virtual ~DockerStream() = default;
    // Appends what arrived to `out`; false at the end of the body (or after interrupt()).
    virtual bool read(std::string &out) = 0;
    // Ends a read() blocked in another thread.
    virtual void interrupt() = 0;
};

class DockerClient {
public:
    // Pings the daemon at `socketPath`; Unavailable (naming the socket) when nothing answers.
    static Result<std::unique_ptr<DockerClient>>
    connect(std::string socketPath, std::chrono::milliseconds timeout = std::chrono::seconds(60));

    const std::string &socketPath() const { return m_socketPath; }
    const std::string &apiVersion() const { return m_apiVersion; }
    // The daemon's release, e.g. "20.10.24+dfsg1".
    const std::string &serverVersion() const { return m_serverVersion; }
    // COX_DOCKER_TRACE was set: calls (and the runtime's pod steps) are logged with durations.
    bool tracing() const { return m_trace; }

    // Any status code comes back as a response; only transport failures are errors.
    Result<DockerResponse> send(const DockerRequest &request) const;
    // 2xx -> the parsed body (null when empty); anything else -> an error Status.
    Result<nlohmann::json> call(const DockerRequest &request) const;
    Result<nlohmann::json> get(const std::string &path) const;
    Result<nlohmann::json> post(const std::string &path,
                                const nlohmann::json &body = nlohmann::json()) const;
    Status remove(const std::string &path) const;
    // Pull and import answer 200 with a stream of JSON progress messages; a failure is a message
    // with "error" in it. Reads the whole stream and returns the first error.
    Status progress(const DockerRequest &request) const;
    // Sends the request and hands back the body as a stream; non-2xx answers are errors.
    Result<std::unique_ptr<DockerStream>> open(const DockerRequest &request) const;

    // The Status for a non-2xx answer: HTTP code -> StatusCode, Docker's "message" as text.
    static Status errorFor(int httpStatus, const std::string &body);
    // "1.41" vs "1.24": the lower of the two dotted versions.
    static std::string lowerVersion(const std::string &a, const std::string &b);
    // "POST /containers/3f2a.../start?x=1" -> "POST /containers/{id}/start": the key of
    // callCounts(), ids and names folded so a route is counted once whatever it touched.
    static std::string route(const std::string &method, const std::string &path);

    // Calls sent since construction (or resetCallCounts()), per route; for tests and benchmarks.
    std::map<std::string, int> callCounts() const;
    int callCount() const;
    void resetCallCounts() const;

private:
    DockerClient(std::string socketPath, std::chrono::milliseconds timeout)
        : m_socketPath(std::move(socketPath))
        , m_timeout(timeout) {}
    Result<std::unique_ptr<UnixStream>> connectStream(const DockerRequest &request) const;
    std::string target(const std::string &path) const;
    void account(const DockerRequest &request, std::chrono::steady_clock::time_point start,
                 int httpStatus) const;

    std::string m_socketPath;
    std::chrono::milliseconds m_timeout;
    std::string m_apiVersion;
    std::string m_serverVersion;
    bool m_trace = false;
    mutable std::mutex m_countMutex;
    mutable std::map<std::string, int> m_counts;
};

} // namespace cox::agent::docker
