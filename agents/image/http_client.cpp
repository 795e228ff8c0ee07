#include "image/http_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>

namespace cox::image {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// The trust store is loaded on the first HTTPS exchange, not at construction: the system bundle
// is some 140 parsed certificates (about 1 MB of heap) that an agent pulling only from loopback
// or plain-HTTP registries, or not pulling at all while idle, never needs.
struct HttpClient::Impl {
    asio::ssl::context tls{asio::ssl::context::tls_client};
    std::once_flag trustLoaded;
    std::string tlsError;
};

namespace {

// Boost 1.74's basic_parser compares a Content-Length with an empty optional limit as "too
// large", so "no limit" is spelled as the largest limit.
constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

struct Exchange {
    const HttpRequest &request;
    const ParsedUrl &url;
    const HttpClientConfig &config;
    HttpResponse response;
};

template<class Stream>
asio::awaitable<void> exchange(Stream &stream, beast::tcp_stream &lowest, Exchange &x) {
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(x.request.method), x.url.target,
                                           11};
    req.set(bhttp::field::host, x.url.hostPort());
    req.set(bhttp::field::user_agent, x.config.userAgent);
    for (const auto &[name, value] : x.request.headers) {
        req.insert(name, value);
    }
    req.body() = x.request.body;
    if (!x.request.body.empty() || x.request.method == "PUT" || x.request.method == "POST") {
        req.prepare_payload();
    }
    lowest.expires_after(x.config.idleTimeout);
    co_await bhttp::async_write(stream, req, asio::use_awaitable);

    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::empty_body> head;
    head.body_limit(kNoLimit);
    lowest.expires_after(x.config.idleTimeout);
    co_await bhttp::async_read_header(stream, buffer, head, asio::use_awaitable);
    const auto &msg = head.get();
    x.response.status = static_cast<int>(msg.result_int());
    for (const auto &field : msg) {
        x.response.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    }
    bool toFile = !x.request.responseFile.empty() && x.response.status / 100 == 2;
    // The parser checks its body limit against Content-Length only while reading the header,
    // and the header was read without one, so a declared length is checked here.
    uint64_t limit =
        toFile
            ? (x.request.maxFileBody >= 0 ? static_cast<uint64_t>(x.request.maxFileBody) : kNoLimit)
            : x.request.maxBodyInMemory;
    if (head.content_length() && *head.content_length() > limit) {
        throw beast::system_error(bhttp::error::body_limit);
    }
    if (x.request.method == "HEAD") {
        co_return;
    }
    if (toFile) {
        bhttp::response_parser<bhttp::file_body> parser{std::move(head)};
        if (x.request.maxFileBody >= 0) {
            parser.body_limit(static_cast<uint64_t>(x.request.maxFileBody));
        } else {
            parser.body_limit(kNoLimit);
        }
        beast::error_code ec;
        parser.get().body().open(x.request.responseFile.c_str(), beast::file_mode::write, ec);
        if (ec) {
            throw beast::system_error(ec, "open " + x.request.responseFile);
        }
        while (!parser.is_done()) {
            lowest.expires_after(x.config.idleTimeout);
            co_await bhttp::async_read_some(stream, buffer, parser, asio::use_awaitable);
        }
        x.response.bodyBytes = static_cast<int64_t>(parser.get().body().size());
        co_return;
    }
    bhttp::response_parser<bhttp::string_body> parser{std::move(head)};
    parser.body_limit(x.request.maxBodyInMemory);
    while (!parser.is_done()) {
        lowest.expires_after(x.config.idleTimeout);
        co_await bhttp::async_read_some(stream, buffer, parser, asio::use_awaitable);
    }
    x.response.body = std::move(parser.get().body());
    x.response.bodyBytes = static_cast<int64_t>(x.response.body.size());
}

asio::awaitable<void> run(asio::io_context &io, asio::ssl::context &tls, Exchange &x) {
    tcp::resolver resolver(io);
    beast::tcp_stream tcpStream(io);
    tcpStream.expires_after(x.config.connectTimeout);
    auto endpoints = co_await resolver.async_resolve(x.url.host, x.url.port, asio::use_awaitable);
    co_await tcpStream.async_connect(endpoints, asio::use_awaitable);
    if (!x.url.https) {
        co_await exchange(tcpStream, tcpStream, x);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> tlsStream(std::move(tcpStream), tls);
    if (!SSL_set_tlsext_host_name(tlsStream.native_handle(), x.url.host.c_str())) {
        throw beast::system_error(
            beast::error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()),
            "TLS SNI");
    }
    tlsStream.set_verify_mode(asio::ssl::verify_peer);
    tlsStream.set_verify_callback(asio::ssl::host_name_verification(x.url.host));
    auto &lowest = beast::get_lowest_layer(tlsStream);
    lowest.expires_after(x.config.connectTimeout);
    co_await tlsStream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_await exchange(tlsStream, lowest, x);
    lowest.expires_after(std::chrono::seconds(2));
    beast::error_code ignored;
    co_await tlsStream.async_shutdown(asio::redirect_error(asio::use_awaitable, ignored));
}

} // namespace

Result<ParsedUrl> ParsedUrl::parse(const std::string &url) {
    ParsedUrl out;
    std::string rest;
    if (url.starts_with("https://")) {
        rest = url.substr(8);
    } else if (url.starts_with("http://")) {
        out.https = false;
        rest = url.substr(7);
    } else {
        return Status(StatusCode::Invalid, "unsupported URL \"" + url + "\"");
    }
    auto slash = rest.find_first_of("/?");
    std::string authority = rest.substr(0, slash);
    if (slash != std::string::npos) {
        out.target = rest.substr(slash);
        if (out.target.front() == '?') {
            out.target.insert(0, "/");
        }
    }
    if (authority.find('@') != std::string::npos) {
        return Status(StatusCode::Invalid, "credentials in URLs are not accepted");
    }
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string::npos) {
            return Status(StatusCode::Invalid, "bad IPv6 host in \"" + url + "\"");
        }
        out.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':') {
            out.port = authority.substr(close + 2);
        }
    } else {
        auto colon = authority.rfind(':');
        out.host = authority.substr(0, colon);
        if (colon != std::string::npos) {
            out.port = authority.substr(colon + 1);
        }
    }
    if (out.host.empty()) {
        return Status(StatusCode::Invalid, "missing host in \"" + url + "\"");
    }
    if (out.port.empty()) {
        out.port = out.https ? "443" : "80";
    }
    return out;
}

std::string ParsedUrl::hostPort() const {
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    bool defaultPort = (https && port == "443") || (!https && port == "80");
    return defaultPort ? h : h + ":" + port;
}

std::string resolveUrl(const std::string &base, const std::string &location) {
    if (location.starts_with("http://") || location.starts_with("https://")) {
        return location;
    }
    auto parsed = ParsedUrl::parse(base);
    if (!parsed) {
        return location;
    }
    std::string origin = (parsed->https ? "https://" : "http://") + parsed->hostPort();
    if (location.starts_with("/")) {
        return origin + location;
    }
    std::string dir = parsed->target.substr(0, parsed->target.find('?'));
    dir = dir.substr(0, dir.rfind('/') + 1);
    return origin + dir + location;
}

HttpClient::HttpClient(HttpClientConfig config)
    : m_config(std::move(config))
    , m_impl(std::make_unique<Impl>()) {}

void HttpClient::loadTrust() const {
    beast::error_code ec;
    m_impl->tls.set_default_verify_paths(ec);
    if (!m_config.extraCaFile.empty()) {
        m_impl->tls.load_verify_file(m_config.extraCaFile, ec);
        if (ec) {
            m_impl->tlsError = "cannot load CA file " + m_config.extraCaFile + ": " + ec.message();
        }
    }
}

HttpClient::~HttpClient() = default;

bool HttpClient::isLoopback(const std::string &host) {
    if (host == "localhost" || host == "::1") {
        return true;
    }
    in_addr addr{};
    if (::inet_pton(AF_INET, host.c_str(), &addr) == 1) {
        return (ntohl(addr.s_addr) >> 24) == 127;
    }
    return false;
}

std::string HttpClient::schemeFor(const std::string &hostPort) const {
    auto parsed = ParsedUrl::parse("https://" + hostPort);
    if (parsed && isLoopback(parsed->host)) {
        return "http://";
    }
    for (const auto &insecure : m_config.insecureRegistries) {
        if (insecure == hostPort || (parsed && insecure == parsed->host)) {
            return "http://";
        }
    }
    return "https://";
}

Result<HttpResponse> HttpClient::send(const HttpRequest &request) const {
    HttpRequest current = request;
    for (int hop = 0;; ++hop) {
        auto url = ParsedUrl::parse(current.url);
        if (!url) {
            return url.status();
        }
        if (!url->https && hop > 0 && schemeFor(url->hostPort()) == "https://") {
            return Status(StatusCode::Forbidden,
                          "refusing redirect to plain HTTP at " + url->hostPort());
        }
        auto response = sendOnce(current, *url);
        if (!response) {
            return response;
        }
        int code = response->status;
        bool redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
        std::string location = response->header("location");
        if (!redirect || location.empty() || current.method == "PUT" || current.method == "POST") {
            response->finalUrl = current.url;
            return response;
        }
        if (hop >= request.maxRedirects) {
            return Status(StatusCode::Unavailable, "too many redirects from " + request.url);
        }
        std::string next = resolveUrl(current.url, location);
        auto nextUrl = ParsedUrl::parse(next);
        if (nextUrl && nextUrl->hostPort() != url->hostPort()) {
            // Credentials are for the registry, never for the storage it redirects to.
            std::erase_if(current.headers,
                          [](const auto &h) { return lower(h.first) == "authorization"; });
        }
        current.url = next;
    }
}

Result<HttpResponse> HttpClient::sendOnce(const HttpRequest &request, const ParsedUrl &url) const {
    if (url.https) {
        std::call_once(m_impl->trustLoaded, [this] { loadTrust(); });
        if (!m_impl->tlsError.empty()) {
            return Status(StatusCode::Internal, m_impl->tlsError);
        }
    }
    asio::io_context io;
    Exchange x{request, url, m_config, {}};
    std::exception_ptr failure;
    asio::co_spawn(io, run(io, m_impl->tls, x), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (!failure) {
        return std::move(x.response);
    }
    std::string what;
    try {
        std::rethrow_exception(failure);
    } catch (const beast::system_error &e) {
        what = e.code() == beast::error::timeout ? std::string("timed out") : e.code().message();
        if (e.code() == bhttp::error::body_limit) {
            what = "response body too large";
        }
    } catch (const std::exception &e) {
        what = e.what();
    }
    return Status(StatusCode::Unavailable, request.method + " " + url.hostPort() +
                                               url.target.substr(0, url.target.find('?')) + ": " +
                                               what);
}

} // namespace cox::image
