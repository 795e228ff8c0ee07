// LogServer: authorisation, routing and streaming of one container's log.
#include "logs/log_server.h"

#include "logs/cri_log_reader.h"
#include "logs/node_endpoint_access.h"
#include "tls/ssl_context.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace cox::agent::logs {

namespace {
// "/containerLogs/ns/pod/container" -> target; false when the path has another shape.
bool parsePath(const std::string &path, LogTarget &target) {
    static const std::string prefix = "/containerLogs/";
    if (path.rfind(prefix, 0) != 0)
        return false;
    std::string rest = path.substr(prefix.size());
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        size_t slash = rest.find('/', start);
        parts.push_back(rest.substr(start, slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    if (parts.size() != 3 || std::any_of(parts.begin(), parts.end(), [](const std::string &p) {
            return p.empty() || p == "." || p == "..";
        }))
        return false;
    target.namespaceName = parts[0];
    target.pod = parts[1];
    target.container = parts[2];
    return true;
}
} // namespace

LogServer::LogServer(LogServerConfig config)
    : m_config(std::move(config)) {}

LogServer::~LogServer() {
    stop();
}

Status LogServer::start() {
    auto ctx = tls::makeServerContext(m_config.servingCertPem, m_config.servingKeyPem,
                                      m_config.clientCaPem);
    if (!ctx)
        return ctx.status();
    http::ServerConfig config;
    config.bindAddress = m_config.bindAddress;
    config.port = m_config.port;
    config.sslContext = *ctx;
    config.handler = [this](const http::Request &r, http::ResponseSink &s) {
        handle(r, s);
    };
    m_server = std::make_unique<http::Server>(std::move(config));
    return m_server->start();
}

void LogServer::stop() {
    if (m_server)
        m_server->stop();
}

uint16_t LogServer::port() const {
    return m_server ? m_server->port() : 0;
}

size_t LogServer::connectionCount() const {
    return m_server ? m_server->connectionCount() : 0;
}

void LogServer::handle(const http::Request &request, http::ResponseSink &sink) const {
    if (Status s = authorizeNodeEndpoint(request, "read container logs"); !s.isOk())
        return sendStatusObject(sink, s);
    LogTarget target;
    if (!parsePath(request.path, target))
        return sendStatusObject(sink,
                                Status(StatusCode::NotFound, "no such path: " + request.path));
    if (request.method != "GET")
        return sendStatusObject(sink,
                                Status(StatusCode::MethodNotAllowed, "only GET is supported"));
    auto options = parseLogOptions(request.query, std::chrono::system_clock::now());
    if (!options)
        return sendStatusObject(sink, options.status());
    target.previous = options->previous;
    auto source = m_config.resolve
                      ? m_config.resolve(target)
                      : Result<LogSource>(Status(StatusCode::NotFound, "no log resolver"));
    if (!source)
        return sendStatusObject(sink, source.status());
    CriLogReader reader(source->path, *options);
    bool started = false;
    auto write = [&](std::string_view text) {
        if (!started) {
            started = sink.beginStream(200, {{"Content-Type", "text/plain; charset=utf-8"}});
            if (!started)
                return false;
        }
        return sink.writeChunk(text);
    };
    // Start the stream before reading so a follow of an empty log answers at once; a missing
    // file must still be a 404 then.
    if (options->follow && ::access(source->path.c_str(), R_OK) != 0)
        return sendStatusObject(
            sink, Status(StatusCode::NotFound,
                         "log file of container \"" + target.container + "\" is not available"));
    if (options->follow &&
        !(started = sink.beginStream(200, {{"Content-Type", "text/plain; charset=utf-8"}})))
        return;
    Status s = reader.run(
        write, [&] { return sink.clientGone(); }, source->finished);
    if (!s.isOk() && !started)
        return sendStatusObject(sink, s);
    if (!started && !sink.beginStream(200, {{"Content-Type", "text/plain; charset=utf-8"}}))
        return;
    sink.endStream();
}

} // namespace cox::agent::logs
