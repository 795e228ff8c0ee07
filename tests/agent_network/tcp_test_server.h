// TcpTestServer: a TCP server on a thread inside a network namespace, for proxy/route tests
// and benchmarks. Greet mode answers "NAME PEER_IP\n" and closes (which backend answered, and
// whether the source was masqueraded); Sink mode reads to EOF and answers the byte count.
// tcpRequest() is the matching client: connect (bounded), send, read to EOF.
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace cox::agent::testing {

class TcpTestServer {
public:
    enum class Mode { Greet, Sink };
    TcpTestServer(std::string netns, int port, std::string name, Mode mode = Mode::Greet);
    ~TcpTestServer();
    bool ok() const { return m_ok; }
    int connections() const { return m_connections.load(); }

private:
    void serve();
    std::string m_netns, m_name;
    int m_port;
    Mode m_mode;
    int m_listenFd = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    bool m_ok = false;
    std::thread m_thread;
};

struct TcpResult {
    bool connected = false;
    int error = 0;        // errno of a failed connect (ECONNREFUSED, ETIMEDOUT...)
    std::string response; // everything read until EOF
};

// From the calling thread's namespace. `payload` is sent then the write side shut down.
TcpResult tcpRequest(const std::string &ip, int port, const std::string &payload = {},
                     int timeoutMs = 2000);

} // namespace cox::agent::testing
