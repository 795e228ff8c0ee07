// One HTTPS connection's request loop (runs on the connection's own thread): keep-alive,
// limits (413 before the body is read, header limit, 400 on malformed input), timeouts, and the
// ResponseSink the handler answers through (Content-Length or chunked with a flush per chunk).
#pragma once

#include "http/request.h"
#include "http/server.h"
#include "http/tls_stream.h"

#include <boost/beast/core/flat_buffer.hpp>

namespace cox::http {

class ConnectionSession : public ResponseSink {
public:
    ConnectionSession(TlsStream &stream, const ServerConfig &config, std::string remoteAddress);

    // Serves requests until the peer closes, a timeout hits, an error occurs or the server stops.
    void run();

    void send(Response response) override;
    bool beginStream(int status, const Headers &headers) override;
    bool writeChunk(std::string_view data) override;
    void endStream() override;
    bool clientGone() override;

private:
    enum class Outcome { Served, Close };
    Outcome serveOne();
    void sendError(int httpStatus, const Status &status);
    bool writeAll(std::string_view data);
    void record(int status);

    TlsStream &m_stream;
    const ServerConfig &m_config;
    std::string m_remoteAddress;
    boost::beast::flat_buffer m_buffer;
    // Per-request state.
    bool m_keepAlive = true;
    bool m_responded = false;
    bool m_streaming = false;
    bool m_broken = false; // a write failed: the connection is unusable
    std::string m_method;
    std::string m_path;
};

} // namespace cox::http
