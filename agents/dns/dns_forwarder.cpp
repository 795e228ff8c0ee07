#include "dns/dns_forwarder.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <memory>

namespace cox::agent::dns {

namespace asio = boost::asio;
using asio::use_awaitable;

namespace {

// Closes `socket` when the deadline passes; destroying the guard cancels that.
template<typename Socket>
class Deadline {
public:
    Deadline(asio::any_io_executor executor, std::shared_ptr<Socket> socket,
             std::chrono::milliseconds timeout)
        : m_timer(std::make_shared<asio::steady_timer>(executor, timeout)) {
        m_timer->async_wait([socket](boost::system::error_code ec) {
            if (!ec) {
                boost::system::error_code ignored;
                socket->close(ignored);
            }
        });
    }
    ~Deadline() { m_timer->cancel(); }

private:
    std::shared_ptr<asio::steady_timer> m_timer;
};

bool sameId(const std::vector<uint8_t> &query, const std::vector<uint8_t> &reply) {
    return reply.size() >= 12 && query.size() >= 2 && reply[0] == query[0] && reply[1] == query[1];
}

} // namespace

DnsForwarder::DnsForwarder(std::vector<asio::ip::udp::endpoint> upstreams,
                           std::chrono::milliseconds timeout)
    : m_upstreams(std::move(upstreams))
    , m_timeout(timeout) {}

asio::awaitable<std::vector<uint8_t>> DnsForwarder::udpOnce(const asio::ip::udp::endpoint &upstream,
                                                            const std::vector<uint8_t> &query) {
    auto executor = co_await asio::this_coro::executor;
    auto socket = std::make_shared<asio::ip::udp::socket>(executor);
    Deadline<asio::ip::udp::socket> deadline(executor, socket, m_timeout);
    socket->open(upstream.protocol());
    co_await socket->async_connect(upstream, use_awaitable);
    co_await socket->async_send(asio::buffer(query), use_awaitable);
    std::vector<uint8_t> reply(65535);
    // Skip stray datagrams (a late answer to someone else's id) until ours or the deadline.
    for (int i = 0; i < 8; ++i) {
        size_t size = co_await socket->async_receive(asio::buffer(reply), use_awaitable);
        reply.resize(size);
        if (sameId(query, reply))
            co_return reply;
        reply.resize(65535);
    }
    co_return std::vector<uint8_t>{};
}

asio::awaitable<std::vector<uint8_t>> DnsForwarder::tcpOnce(const asio::ip::udp::endpoint &upstream,
                                                            const std::vector<uint8_t> &query) {
    auto executor = co_await asio::this_coro::executor;
    auto socket = std::make_shared<asio::ip::tcp::socket>(executor);
    Deadline<asio::ip::tcp::socket> deadline(executor, socket, m_timeout);
    co_await socket->async_connect(asio::ip::tcp::endpoint(upstream.address(), upstream.port()),
                                   use_awaitable);
    uint8_t length[2] = {static_cast<uint8_t>(query.size() >> 8),
                         static_cast<uint8_t>(query.size() & 0xff)};
    std::array<asio::const_buffer, 2> out = {asio::buffer(length), asio::buffer(query)};
    co_await asio::async_write(*socket, out, use_awaitable);
    co_await asio::async_read(*socket, asio::buffer(length), use_awaitable);
    std::vector<uint8_t> reply((length[0] << 8) | length[1]);
    co_await asio::async_read(*socket, asio::buffer(reply), use_awaitable);
    co_return sameId(query, reply) ? reply : std::vector<uint8_t>{};
}

asio::awaitable<std::vector<uint8_t>> DnsForwarder::forwardUdp(std::vector<uint8_t> query) {
    for (const auto &upstream : m_upstreams) {
        try {
            auto reply = co_await udpOnce(upstream, query);
            if (!reply.empty())
                co_return reply;
        } catch (const boost::system::system_error &) {
            // Timed out (socket closed) or refused: try the next upstream.
        }
    }
    co_return std::vector<uint8_t>{};
}

asio::awaitable<std::vector<uint8_t>> DnsForwarder::forwardTcp(std::vector<uint8_t> query) {
    for (const auto &upstream : m_upstreams) {
        try {
            auto reply = co_await tcpOnce(upstream, query);
            if (!reply.empty())
                co_return reply;
        } catch (const boost::system::system_error &) {
        }
    }
    co_return std::vector<uint8_t>{};
}

} // namespace cox::agent::dns
