// System-test fixtures for pod networking inside a TestMachine (a network namespace):
// a pod bridge with the gateway address, "pods" as network namespaces on it through veths
// (hairpin on, like the CNI bridge plugin sets it), and running code on a thread that has
// entered a namespace (setns is per thread for network namespaces), so clients and servers
// run inside the test process. Everything is deleted on destruction. Needs root.
#pragma once

#include "test_network.h"

#include <functional>
#include <string>

namespace cox::agent::testing {

// Runs `fn` on a new thread inside network namespace `netns` ("" = this one) and waits.
void inNetns(const std::string &netns, const std::function<void()> &fn);

// A bridge in `machineNetns` with `gateway`/24, IP forwarding on.
class PodBridge {
public:
    PodBridge(std::string machineNetns, std::string name, std::string gateway);
    ~PodBridge();
    bool ok() const { return m_ok; }
    const std::string &name() const { return m_name; }
    const std::string &machineNetns() const { return m_netns; }
    const std::string &gateway() const { return m_gateway; }

private:
    std::string m_netns, m_name, m_gateway;
    bool m_ok = false;
};

// A pod: its own namespace with eth0 = `ip`/24 on `bridge`, default route via the gateway.
class TestPod {
public:
    TestPod(const PodBridge &bridge, std::string ip);
    ~TestPod();
    TestPod(const TestPod &) = delete;
    TestPod &operator=(const TestPod &) = delete;
    bool ok() const { return m_ok; }
    const std::string &netns() const { return m_netns; }
    const std::string &ip() const { return m_ip; }

private:
    std::string m_netns, m_ip;
    bool m_ok = false;
};

// Runs argv (after `ip netns exec NS` when netns is set); true on exit 0.
bool runIn(const std::string &netns, const std::vector<std::string> &argv);

} // namespace cox::agent::testing
