// The HTTPS server: a listener thread accepting TLS connections and one thread per connection
// running synchronous Beast reads/writes with kernel timeouts. A handler that blocks (a watch,
// a commit waiting for fsync) ties up only its own connection. TLS only: there is no plain-HTTP
// listener.
#pragma once

#include "common/status.h"
#include "http/request.h"
#include "tls/ssl_context.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cox::http {

struct ServerConfig {
    std::string bindAddress = "127.0.0.1"; // "0.0.0.0" or "::" for every interface
    uint16_t port = 0;                     // 0 = ephemeral; see Server::port()
    tls::SslContextPtr sslContext;
    Handler handler;
    size_t maxBodyBytes = 3 * 1024 * 1024;
    size_t maxHeaderBytes = 64 * 1024;
    std::chrono::milliseconds handshakeTimeout{10'000};
    std::chrono::milliseconds idleTimeout{60'000};  // keep-alive wait for the next request
    std::chrono::milliseconds readTimeout{30'000};  // a slow client in the middle of a request
    std::chrono::milliseconds writeTimeout{30'000}; // a client that stops reading
    size_t maxConnections = 4096;
};

class Server {
public:
    explicit Server(ServerConfig config);
    ~Server(); // stops
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    // Binds, listens and starts the accept thread.
    Status start();
    // Closes the listener and every connection, then joins all threads. Handlers must return
    // once writeChunk() fails or clientGone() is true. Idempotent.
    void stop();
    uint16_t port() const { return m_port; }
    size_t connectionCount() const;

private:
    struct Connection {
        int fd = -1; // -1 once the connection thread closed it (guarded by m_mutex)
        std::thread thread;
    };

    void acceptLoop();
    void reapFinished();
    void runConnection(uint64_t id, int fd);
    void connectionClosing(uint64_t id);

    ServerConfig m_config;
    int m_listenFd = -1;
    int m_wakeFd = -1; // eventfd that interrupts the accept poll on stop()
    uint16_t m_port = 0;
    std::thread m_acceptThread;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;
    std::map<uint64_t, Connection> m_connections;
    std::vector<uint64_t> m_finished;
    uint64_t m_nextId = 1;
};

} // namespace cox::http
