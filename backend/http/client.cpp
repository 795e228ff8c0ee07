#include "http/client.h"

#include "http/client_stream_state.h"
#include "http/tls_stream.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>

#include <limits>
#include <sstream>

namespace cox::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

constexpr uint64_t kMaxResponseBody = 1ull << 30; // lists of a large cluster, not unbounded

beast::string_view bsv(std::string_view s) {
    return beast::string_view(s.data(), s.size());
}

template<typename Fields>
Headers toHeaders(const Fields &fields) {
    Headers out;
    for (const auto &f : fields) {
        auto [it, inserted] = out.emplace(std::string(f.name_string()), std::string(f.value()));
        if (!inserted)
            it->second += ", " + std::string(f.value());
    }
    return out;
}

} // namespace

Client::Client(ClientConfig config, tls::SslContextPtr ctx)
    : m_config(std::move(config))
    , m_ctx(std::move(ctx)) {}

Client::Client(Client &&) noexcept = default;
Client &Client::operator=(Client &&) noexcept = default;
Client::~Client() = default;

Result<Client> Client::create(ClientConfig config) {
    auto ctx = tls::makeClientContext(config.caPem, config.clientCertPem, config.clientKeyPem);
    if (!ctx)
        return ctx.status();
    return Client(std::move(config), std::move(*ctx));
}

Status Client::parseServerUrl(std::string_view url, std::string &host, uint16_t &port) {
    constexpr std::string_view kScheme = "https://";
    if (url.substr(0, kScheme.size()) != kScheme)
        return Status(StatusCode::Invalid, "server URL must start with https://");
    std::string_view rest = url.substr(kScheme.size());
    rest = rest.substr(0, rest.find('/'));
    std::string_view portText;
    if (!rest.empty() && rest.front() == '[') {
        size_t close = rest.find(']');
        if (close == std::string_view::npos)
            return Status(StatusCode::Invalid, "bad IPv6 literal in " + std::string(url));
        host = std::string(rest.substr(1, close - 1));
        if (close + 1 < rest.size() && rest[close + 1] == ':')
            portText = rest.substr(close + 2);
    } else {
        size_t colon = rest.rfind(':');
        host = std::string(rest.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = rest.substr(colon + 1);
    }
    if (host.empty())
        return Status(StatusCode::Invalid, "no host in " + std::string(url));
    port = 443;
    if (!portText.empty()) {
        unsigned value = 0;
        for (char c : portText) {
            if (c < '0' || c > '9' || (value = value * 10 + unsigned(c - '0')) > 65535)
                return Status(StatusCode::Invalid, "bad port in " + std::string(url));
        }
        port = static_cast<uint16_t>(value);
    }
    return Status::ok();
}

void Client::disconnect() {
    m_conn.reset();
}

Result<std::unique_ptr<TlsStream>> Client::connect() {
    ++m_connects;
    return TlsStream::connect(m_config.host, m_config.port, m_ctx->native_handle(),
                              m_config.connectTimeout);
}

std::string Client::serializeRequest(std::string_view method, std::string_view target,
                                     std::string_view body, const Headers &headers) const {
    bhttp::request<bhttp::string_body> req;
    req.method_string(bsv(method));
    req.target(bsv(target));
    req.version(11);
    req.set(bhttp::field::host, m_config.host + ":" + std::to_string(m_config.port));
    req.set(bhttp::field::user_agent, "coxswain/" COX_VERSION);
    if (!m_config.bearerToken.empty())
        req.set(bhttp::field::authorization, "Bearer " + m_config.bearerToken);
    for (const auto &[name, value] : headers)
        req.set(bsv(name), bsv(value));
    req.body() = std::string(body);
    req.keep_alive(true);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
        req.prepare_payload();
    std::ostringstream out;
    out << req;
    return out.str();
}

Result<Response> Client::request(std::string_view method, std::string_view target,
                                 std::string_view body, const Headers &headers) {
    bool retryable = false;
    auto result = attempt(method, target, body, headers, retryable);
    // A kept-alive connection the server closed meanwhile fails before any answer: retry once.
    if (!result && retryable)
        result = attempt(method, target, body, headers, retryable);
    return result;
}

Result<Response> Client::attempt(std::string_view method, std::string_view target,
                                 std::string_view body, const Headers &headers, bool &retryable) {
    bool reused = m_conn != nullptr;
    retryable = false;
    if (!m_conn) {
        auto conn = connect();
        if (!conn)
            return conn.status();
        m_conn = std::move(*conn);
    }
    m_conn->setTimeouts(m_config.requestTimeout, m_config.requestTimeout);
    std::string wire = serializeRequest(method, target, body, headers);
    beast::error_code ec;
    boost::asio::write(*m_conn, boost::asio::buffer(wire), ec);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBody);
    if (!ec)
        bhttp::read(*m_conn, buffer, parser, ec);
    if (ec) {
        m_conn.reset();
        retryable = reused && !parser.got_some();
        return Status(ec == boost::asio::error::timed_out ? StatusCode::Timeout
                                                          : StatusCode::Unavailable,
                      std::string(method) + " " + std::string(target) + ": " + ec.message());
    }
    auto msg = parser.release();
    Response response;
    response.status = static_cast<int>(msg.result_int());
    response.headers = toHeaders(msg);
    response.body = std::move(msg.body());
    if (!msg.keep_alive() || buffer.size() > 0)
        m_conn.reset();
    return response;
}

Result<std::unique_ptr<ClientStream>>
Client::stream(std::string_view method, std::string_view target, const Headers &headers) {
    auto conn = connect();
    if (!conn)
        return conn.status();
    (*conn)->setTimeouts(m_config.requestTimeout, m_config.requestTimeout);
    std::string wire = serializeRequest(method, target, {}, headers);
    beast::error_code ec;
    boost::asio::write(**conn, boost::asio::buffer(wire), ec);
    auto state = std::make_unique<ClientStreamState>();
    state->parser.body_limit(std::numeric_limits<std::uint64_t>::max()); // a watch runs for hours
    if (!ec)
        bhttp::read_header(**conn, state->buffer, state->parser, ec);
    if (ec)
        return Status(StatusCode::Unavailable,
                      std::string(method) + " " + std::string(target) + ": " + ec.message());
    int status = static_cast<int>(state->parser.get().result_int());
    Headers responseHeaders = toHeaders(state->parser.get());
    auto stream = std::make_unique<ClientStream>(std::move(*conn), std::move(state), status,
                                                 std::move(responseHeaders));
    if (status >= 200 && status < 300)
        return stream;
    std::string body;
    for (int i = 0; i < 1024; ++i) { // bounded: an error body is small
        auto line = stream->nextLine(m_config.requestTimeout);
        if (!line || !*line)
            break;
        body += **line;
    }
    return Status(statusCodeForHttp(status),
                  body.empty() ? "HTTP " + std::to_string(status) : body);
}

} // namespace cox::http
