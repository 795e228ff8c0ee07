#include "dns/dns_server.h"

#include "common/log.h"
#include "dns/dns_forwarder.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <netinet/in.h>

namespace cox::agent::dns {

namespace asio = boost::asio;
using asio::use_awaitable;
using asio::ip::tcp;
using asio::ip::udp;

namespace {

// Binding the pod gateway address before the CNI bridge that carries it exists.
using FreeBind = asio::detail::socket_option::boolean<IPPROTO_IP, IP_FREEBIND>;

constexpr size_t kUdpLimit = 512; // no EDNS: larger answers are truncated, clients use TCP
constexpr auto kTcpIdle = std::chrono::seconds(10);

std::vector<udp::endpoint> parseUpstreams(const std::vector<std::string> &list) {
    std::vector<udp::endpoint> out;
    for (const auto &entry : list) {
        std::string host = entry;
        uint16_t port = 53;
        if (auto colon = entry.rfind(':'); colon != std::string::npos && entry.find(':') == colon) {
            host = entry.substr(0, colon);
            port = static_cast<uint16_t>(std::stoi(entry.substr(colon + 1)));
        }
        boost::system::error_code ec;
        auto address = asio::ip::make_address(host, ec);
        if (!ec)
            out.emplace_back(address, port);
    }
    return out;
}

} // namespace

struct DnsServer::Impl {
    asio::io_context io{1};
    udp::socket udpSocket{io};
    tcp::acceptor acceptor{io};
    std::unique_ptr<DnsForwarder> forwarder;

    asio::awaitable<void> serveUdp(DnsServer *server);
    asio::awaitable<void> answerUdp(DnsServer *server, std::vector<uint8_t> query,
                                    udp::endpoint client);
    asio::awaitable<void> acceptTcp(DnsServer *server);
    asio::awaitable<void> serveTcp(DnsServer *server, std::shared_ptr<tcp::socket> socket);
};

DnsServer::DnsServer(DnsServerOptions options)
    : m_options(std::move(options))
    , m_records(std::make_shared<DnsRecordTable>()) {}

DnsServer::~DnsServer() {
    stop();
}

void DnsServer::setRecords(std::shared_ptr<const DnsRecordTable> records) {
    std::lock_guard lock(m_mutex);
    m_records = std::move(records);
}

std::shared_ptr<const DnsRecordTable> DnsServer::records() const {
    std::lock_guard lock(m_mutex);
    return m_records;
}

std::optional<std::vector<uint8_t>> DnsServer::answerLocally(const uint8_t *data, size_t size,
                                                             size_t maxSize) const {
    auto query = DnsMessage::parseQuery(data, size);
    if (!query) {
        uint16_t id = size >= 2 ? static_cast<uint16_t>((data[0] << 8) | data[1]) : 0;
        return DnsMessage::error(id, Rcode::FormErr);
    }
    if (query->opcode() != 0)
        return DnsMessage::answer(*query, Rcode::NotImp, {}, false, maxSize);
    auto table = records();
    if (!table->inZone(query->question.name)) {
        if (m_impl && m_impl->forwarder && !m_impl->forwarder->empty())
            return std::nullopt;
        return DnsMessage::answer(*query, Rcode::ServFail, {}, false, maxSize);
    }
    auto found = table->lookup(query->question.name, query->question.type);
    return DnsMessage::answer(*query, found.rcode, found.records, true, maxSize);
}

Status DnsServer::start() {
    m_impl = std::make_unique<Impl>();
    m_impl->forwarder = std::make_unique<DnsForwarder>(parseUpstreams(m_options.upstreams),
                                                       m_options.upstreamTimeout);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(m_options.listenAddress, ec);
    if (ec)
        return Status(StatusCode::BadRequest, "DNS listen address: " + ec.message());
    // With port 0 the TCP port follows UDP's; a clash on TCP retries with a new UDP port.
    for (int attempt = 0; attempt < 20; ++attempt) {
        m_impl->udpSocket = udp::socket(m_impl->io);
        m_impl->acceptor = tcp::acceptor(m_impl->io);
        m_impl->udpSocket.open(address.is_v4() ? udp::v4() : udp::v6(), ec);
        if (!ec && m_options.freeBind)
            m_impl->udpSocket.set_option(FreeBind(true), ec);
        if (!ec)
            m_impl->udpSocket.bind(udp::endpoint(address, m_options.port), ec);
        if (ec)
            return Status(StatusCode::Unavailable, "DNS UDP bind: " + ec.message());
        uint16_t port = m_impl->udpSocket.local_endpoint().port();
        m_impl->acceptor.open(address.is_v4() ? tcp::v4() : tcp::v6(), ec);
        m_impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
        if (m_options.freeBind)
            m_impl->acceptor.set_option(FreeBind(true), ec);
        m_impl->acceptor.bind(tcp::endpoint(address, port), ec);
        if (!ec)
            m_impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (!ec) {
            m_port = port;
            break;
        }
        if (m_options.port != 0)
            return Status(StatusCode::Unavailable, "DNS TCP bind: " + ec.message());
    }
    if (m_port == 0)
        return Status(StatusCode::Unavailable, "DNS: no port free for both UDP and TCP");
    asio::co_spawn(m_impl->io, m_impl->serveUdp(this), asio::detached);
    asio::co_spawn(m_impl->io, m_impl->acceptTcp(this), asio::detached);
    m_thread = std::thread([impl = m_impl.get()] { impl->io.run(); });
    COX_LOG(Info, "dns") << "serving " << m_options.listenAddress << ":" << m_port;
    return Status::ok();
}

void DnsServer::stop() {
    if (!m_impl)
        return;
    m_impl->io.stop();
    if (m_thread.joinable())
        m_thread.join();
    m_impl.reset();
}

asio::awaitable<void> DnsServer::Impl::serveUdp(DnsServer *server) {
    std::vector<uint8_t> buffer(65535);
    while (true) {
        udp::endpoint client;
        boost::system::error_code ec;
        size_t size = co_await udpSocket.async_receive_from(
            asio::buffer(buffer), client, asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !udpSocket.is_open())
            co_return;
        if (ec)
            continue;
        std::vector<uint8_t> query(buffer.begin(), buffer.begin() + size);
        asio::co_spawn(io, answerUdp(server, std::move(query), client), asio::detached);
    }
}

asio::awaitable<void> DnsServer::Impl::answerUdp(DnsServer *server, std::vector<uint8_t> query,
                                                 udp::endpoint client) {
    auto local = server->answerLocally(query.data(), query.size(), kUdpLimit);
    std::vector<uint8_t> reply;
    if (local) {
        ++server->m_answered;
        reply = std::move(*local);
    } else {
        ++server->m_forwarded;
        reply = co_await forwarder->forwardUdp(query);
        if (reply.empty())
            reply = DnsMessage::error(static_cast<uint16_t>((query[0] << 8) | query[1]),
                                      Rcode::ServFail);
    }
    boost::system::error_code ec;
    co_await udpSocket.async_send_to(asio::buffer(reply), client,
                                     asio::redirect_error(use_awaitable, ec));
}

asio::awaitable<void> DnsServer::Impl::acceptTcp(DnsServer *server) {
    while (true) {
        auto socket = std::make_shared<tcp::socket>(io);
        boost::system::error_code ec;
        co_await acceptor.async_accept(*socket, asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (!ec)
            asio::co_spawn(io, serveTcp(server, socket), asio::detached);
    }
}

asio::awaitable<void> DnsServer::Impl::serveTcp(DnsServer *server,
                                                std::shared_ptr<tcp::socket> socket) {
    asio::steady_timer idle(io);
    try {
        while (true) {
            // An idle or stuck client is closed after kTcpIdle (RFC 7766 lets servers do that).
            idle.expires_after(kTcpIdle);
            idle.async_wait([socket](boost::system::error_code ec) {
                if (!ec)
                    socket->close(ec);
            });
            uint8_t length[2];
            co_await asio::async_read(*socket, asio::buffer(length), use_awaitable);
            std::vector<uint8_t> query((length[0] << 8) | length[1]);
            co_await asio::async_read(*socket, asio::buffer(query), use_awaitable);
            auto local = server->answerLocally(query.data(), query.size(), 65535);
            std::vector<uint8_t> reply;
            if (local) {
                ++server->m_answered;
                reply = std::move(*local);
            } else {
                ++server->m_forwarded;
                reply = co_await forwarder->forwardTcp(query);
                if (reply.empty() && query.size() >= 2)
                    reply = DnsMessage::error(static_cast<uint16_t>((query[0] << 8) | query[1]),
                                              Rcode::ServFail);
            }
            uint8_t outLength[2] = {static_cast<uint8_t>(reply.size() >> 8),
                                    static_cast<uint8_t>(reply.size() & 0xff)};
            std::array<asio::const_buffer, 2> out = {asio::buffer(outLength), asio::buffer(reply)};
            co_await asio::async_write(*socket, out, use_awaitable);
        }
    } catch (const boost::system::system_error &) {
        // Client closed, idle timeout, or a short read: the session just ends.
    }
    idle.cancel();
}

} // namespace cox::agent::dns
