#include "http/connection_session.h"

#include "common/log.h"
#include "common/metrics.h"
#include "http/status_response.h"
#include "http/url.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

namespace cox::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

metrics::Gauge &inflightGauge() {
    static metrics::Gauge &g = metrics::Registry::global().gauge(
        "coxswain_http_inflight", "HTTP requests currently being served");
    return g;
}

beast::string_view bsv(std::string_view s) {
    return beast::string_view(s.data(), s.size());
}

// Reads and discards what the client still sends after an early error answer (413), so that
// closing the socket does not reset the connection before the client has read the answer.
void drainBeforeClose(int fd) {
    ::shutdown(fd, SHUT_WR);
    timeval tv{0, 200 * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[16 * 1024];
    for (int i = 0; i < 512; ++i) { // at most 8 MiB or ~100 s of trickle, whichever first
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return;
    }
}

} // namespace

ConnectionSession::ConnectionSession(TlsStream &stream, const ServerConfig &config,
                                     std::string remoteAddress)
    : m_stream(stream)
    , m_config(config)
    , m_remoteAddress(std::move(remoteAddress)) {}

void ConnectionSession::run() {
    bool lingering = false;
    while (!m_broken) {
        if (m_buffer.size() == 0 && !m_stream.waitReadable(m_config.idleTimeout))
            break; // idle keep-alive timeout, or the server is stopping
        if (serveOne() == Outcome::Close) {
            lingering = m_responded && !m_broken;
            break;
        }
    }
    if (!m_broken)
        m_stream.gracefulShutdown();
    if (lingering)
        drainBeforeClose(m_stream.fd());
}

ConnectionSession::Outcome ConnectionSession::serveOne() {
    m_responded = m_streaming = false;
    m_keepAlive = false;
    m_stream.setTimeouts(m_config.readTimeout, m_config.writeTimeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(m_config.maxHeaderBytes));
    parser.body_limit(m_config.maxBodyBytes);
    beast::error_code ec;
    bhttp::read_header(m_stream, m_buffer, parser, ec);
    if (ec == bhttp::error::end_of_stream || ec == boost::asio::error::eof ||
        ec == boost::asio::error::timed_out || (ec && m_stream.peerClosed()))
        return Outcome::Close;
    if (ec == bhttp::error::header_limit) {
        sendError(431, Status(StatusCode::BadRequest, "request header fields too large"));
        return Outcome::Close;
    }
    if (ec == bhttp::error::body_limit ||
        (!ec && parser.content_length() && *parser.content_length() > m_config.maxBodyBytes)) {
        sendError(413, Status(StatusCode::TooLarge, "request entity too large: limit is " +
                                                        std::to_string(m_config.maxBodyBytes) +
                                                        " bytes"));
        return Outcome::Close;
    }
    if (ec) {
        sendError(400, Status(StatusCode::BadRequest, "malformed HTTP request: " + ec.message()));
        return Outcome::Close;
    }
    auto &msg = parser.get();
    if (beast::iequals(msg[bhttp::field::expect], "100-continue") &&
        !writeAll("HTTP/1.1 100 Continue\r\n\r\n"))
        return Outcome::Close;
    bhttp::read(m_stream, m_buffer, parser, ec);
    if (ec == bhttp::error::body_limit) {
        sendError(413, Status(StatusCode::TooLarge, "request entity too large: limit is " +
                                                        std::to_string(m_config.maxBodyBytes) +
                                                        " bytes"));
        return Outcome::Close;
    }
    if (ec) {
        if (ec != boost::asio::error::timed_out && !m_stream.peerClosed())
            sendError(400, Status(StatusCode::BadRequest, "malformed HTTP body: " + ec.message()));
        return Outcome::Close;
    }

    Request request;
    request.method = std::string(msg.method_string());
    request.target = std::string(msg.target());
    if (!parseTarget(request.target, request.path, request.query)) {
        sendError(400, Status(StatusCode::BadRequest, "malformed request target"));
        return Outcome::Close;
    }
    for (const auto &field : msg) {
        std::string name(field.name_string());
        auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
        if (!inserted) // repeated headers combine as a comma-separated list (RFC 9110)
            it->second += ", " + std::string(field.value());
    }
    request.body = std::move(msg.body());
    request.remoteAddress = m_remoteAddress;
    request.clientCertCommonName = m_stream.peerCommonName();
    if (!request.clientCertCommonName.empty())
        request.clientCertOrganizations = m_stream.peerOrganizations();
    m_keepAlive = msg.keep_alive();
    m_method = request.method;
    m_path = request.path;

    inflightGauge().add(1);
    m_config.handler(request, *this);
    inflightGauge().add(-1);
    if (!m_responded)
        sendError(500, Status(StatusCode::Internal, "handler produced no response"));
    else if (m_streaming)
        endStream(); // a handler that returned mid-stream still owes the terminating chunk
    return m_keepAlive && !m_broken ? Outcome::Served : Outcome::Close;
}

void ConnectionSession::sendError(int httpStatus, const Status &status) {
    m_keepAlive = false;
    Response response = statusResponse(status);
    response.status = httpStatus;
    send(std::move(response));
}

void ConnectionSession::record(int status) {
    metrics::Registry::global()
        .counter("coxswain_http_requests_total", "HTTP requests served, by status code",
                 {{"code", std::to_string(status)}})
        .inc();
    COX_LOG(Debug, "http") << m_method << " " << m_path << " " << status << " " << m_remoteAddress;
}

void ConnectionSession::send(Response response) {
    if (m_responded)
        return;
    m_responded = true;
    record(response.status);
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), 11};
    for (const auto &[name, value] : response.headers)
        res.set(bsv(name), bsv(value));
    res.body() = std::move(response.body);
    res.keep_alive(m_keepAlive);
    res.prepare_payload();
    beast::error_code ec;
    bhttp::write(m_stream, res, ec);
    if (ec)
        m_broken = true;
}

bool ConnectionSession::beginStream(int status, const Headers &headers) {
    if (m_responded)
        return false;
    m_responded = m_streaming = true;
    record(status);
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(status), 11};
    for (const auto &[name, value] : headers)
        res.set(bsv(name), bsv(value));
    res.keep_alive(m_keepAlive);
    res.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{res};
    beast::error_code ec;
    bhttp::write_header(m_stream, serializer, ec);
    if (ec)
        m_broken = true;
    return !m_broken;
}

bool ConnectionSession::writeChunk(std::string_view data) {
    if (!m_streaming || m_broken)
        return false;
    if (data.empty())
        return true; // an empty chunk would end the stream
    char size[32];
    int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    std::string frame;
    frame.reserve(static_cast<size_t>(n) + data.size() + 2);
    frame.append(size, static_cast<size_t>(n)).append(data).append("\r\n");
    return writeAll(frame);
}

void ConnectionSession::endStream() {
    if (!m_streaming)
        return;
    m_streaming = false;
    if (!m_broken)
        writeAll("0\r\n\r\n");
}

bool ConnectionSession::clientGone() {
    return m_broken || m_stream.peerClosed();
}

bool ConnectionSession::writeAll(std::string_view data) {
    beast::error_code ec;
    boost::asio::write(m_stream, boost::asio::buffer(data.data(), data.size()), ec);
    if (ec)
        m_broken = true;
    return !m_broken;
}

} // namespace cox::http
