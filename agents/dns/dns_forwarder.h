// DnsForwarder: sends a query that is not ours to the node's upstream resolvers, in order,
// each with a deadline, and returns the first answer whose id matches. UDP queries go out over
// UDP from a fresh connected socket (random source port, only the upstream's replies accepted);
// TCP queries over TCP. Runs on the server's single-threaded io_context: the deadline timers
// close sockets from handlers on that same thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/udp.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

namespace cox::agent::dns {

class DnsForwarder {
public:
    DnsForwarder(std::vector<boost::asio::ip::udp::endpoint> upstreams,
                 std::chrono::milliseconds timeout);

    // The upstream's response, or empty when every upstream failed or timed out.
    boost::asio::awaitable<std::vector<uint8_t>> forwardUdp(std::vector<uint8_t> query);
    boost::asio::awaitable<std::vector<uint8_t>> forwardTcp(std::vector<uint8_t> query);

    bool empty() const { return m_upstreams.empty(); }

private:
    boost::asio::awaitable<std::vector<uint8_t>>
    udpOnce(const boost::asio::ip::udp::endpoint &upstream, const std::vector<uint8_t> &query);
    boost::asio::awaitable<std::vector<uint8_t>>
    tcpOnce(const boost::asio::ip::udp::endpoint &upstream, const std::vector<uint8_t> &query);

    std::vector<boost::asio::ip::udp::endpoint> m_upstreams;
    std::chrono::milliseconds m_timeout;
};

} // namespace cox::agent::dns
