// TcpForwarder: a TCP relay on the test process's side of the test bridge to a loopback-only
// server (the docker-registry child listens on 127.0.0.1), so agents inside machine namespaces
// can pull the test image through the bridge. One thread accepts; each connection gets a thread
// copying both ways until either side closes. Everything is closed and joined on destruction.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cox::agent::testing {

class TcpForwarder {
public:
    // Listens on listenAddress:<free port> and relays to 127.0.0.1:targetPort.
    TcpForwarder(const std::string &listenAddress, int targetPort);
    ~TcpForwarder();
    TcpForwarder(const TcpForwarder &) = delete;
    TcpForwarder &operator=(const TcpForwarder &) = delete;

    bool ok() const { return m_listenFd >= 0; }
    int port() const { return m_port; }

private:
    void acceptLoop();
    void relay(int client);

    int m_targetPort;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_acceptor;
    std::mutex m_mutex;
    std::vector<std::thread> m_relays;
};

} // namespace cox::agent::testing
