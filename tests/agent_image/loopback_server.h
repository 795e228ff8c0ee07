// LoopbackHttpServer: a one-thread HTTP/1.1 server on 127.0.0.1 answering each request with a
// caller-supplied handler (one request per connection). Tests use it for a registry token
// service and for redirecting storage; it records every request it saw.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cox::testing {

class LoopbackHttpServer {
public:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;
    using Handler = std::function<Response(const Request &)>;

    explicit LoopbackHttpServer(Handler handler)
        : m_handler(std::move(handler))
        , m_acceptor(m_io, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        m_thread = std::thread([this] { serve(); });
    }
    ~LoopbackHttpServer() {
        m_stop = true;
        boost::system::error_code ec;
        boost::asio::ip::tcp::socket poke(m_io);
        poke.connect(m_acceptor.local_endpoint(), ec);
        m_thread.join();
    }
    LoopbackHttpServer(const LoopbackHttpServer &) = delete;
    LoopbackHttpServer &operator=(const LoopbackHttpServer &) = delete;

    int port() const { return m_acceptor.local_endpoint().port(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
    std::vector<Request> requests() {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    void serve() {
        namespace http = boost::beast::http;
        while (!m_stop) {
            boost::asio::ip::tcp::socket socket(m_io);
            boost::system::error_code ec;
            m_acceptor.accept(socket, ec);
            if (ec || m_stop) {
                continue;
            }
            boost::beast::flat_buffer buffer;
            Request req;
            http::read(socket, buffer, req, ec);
            if (ec) {
                continue;
            }
            {
                std::lock_guard lock(m_mutex);
                m_requests.push_back(req);
            }
            Response res = m_handler(req);
            res.prepare_payload();
            http::write(socket, res, ec);
        }
    }

    Handler m_handler;
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::acceptor m_acceptor;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Request> m_requests;
};

} // namespace cox::testing
