#include "http/client_stream.h"

#include "http/client_stream_state.h"
#include "http/tls_stream.h"

#include <boost/beast/http/read.hpp>

namespace cox::http {

namespace bhttp = boost::beast::http;

ClientStream::ClientStream(std::unique_ptr<TlsStream> conn,
                           std::unique_ptr<ClientStreamState> state, int status, Headers headers)
    : m_conn(std::move(conn))
    , m_status(status)
    , m_headers(std::move(headers))
    , m_state(std::move(state)) {
    m_done = m_state->parser.is_done();
}

ClientStream::~ClientStream() = default;

void ClientStream::close() {
    if (m_conn)
        m_conn->gracefulShutdown();
    m_conn.reset();
    m_done = true;
}

Result<std::optional<std::string>> ClientStream::nextLine(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    // Each pass either returns or consumes bytes from the socket; the deadline bounds the loop.
    for (;;) {
        size_t nl = m_pending.find('\n');
        if (nl != std::string::npos) {
            std::string line = m_pending.substr(0, nl);
            m_pending.erase(0, nl + 1);
            return std::optional<std::string>(std::move(line));
        }
        if (m_done) {
            if (m_pending.empty())
                return std::optional<std::string>();
            return std::optional<std::string>(std::exchange(m_pending, {}));
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return Status(StatusCode::Timeout, "no complete line within the timeout");
        if (Status s = readMore(left); !s)
            return s;
    }
}

Status ClientStream::readMore(std::chrono::milliseconds timeout) {
    if (!m_conn)
        return Status(StatusCode::Unavailable, "stream closed");
    if (m_state->buffer.size() == 0 && !m_conn->waitReadable(timeout))
        return Status(StatusCode::Timeout, "no data within the timeout");
    m_conn->setTimeouts(std::max(timeout, std::chrono::milliseconds(1)), timeout);
    char chunk[16 * 1024];
    auto &body = m_state->parser.get().body();
    body.data = chunk;
    body.size = sizeof chunk;
    boost::beast::error_code ec;
    bhttp::read_some(*m_conn, m_state->buffer, m_state->parser, ec);
    if (ec == bhttp::error::need_buffer)
        ec = {};
    m_pending.append(chunk, sizeof chunk - body.size);
    if (ec == boost::asio::error::timed_out)
        return Status(StatusCode::Timeout, "no data within the timeout");
    if (ec) {
        m_conn.reset();
        m_done = true;
        return Status(StatusCode::Unavailable, "watch stream broken: " + ec.message());
    }
    m_done = m_state->parser.is_done();
    return Status::ok();
}

} // namespace cox::http
