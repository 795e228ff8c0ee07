// Test support: "machines" as network namespaces on one host, joined by a Linux bridge.
//
// A TestBridge is the test LAN: a bridge inside a "switch" namespace of its own, with an uplink
// veth to the host that carries the host's address on the LAN; each TestMachine is a network
// namespace with a veth into that bridge, an address on the LAN, loopback up and a default route
// via the host. The bridge is not in the host's namespace because, once br_netfilter is loaded
// (dockerd loads it), bridged frames pass the bridge namespace's iptables: the host's NAT rules -
// CNI masquerades for the host's own pods in 10.42.0.0/24 among them - would rewrite traffic
// between two machines' pods. Names carry the test process id so parallel test
// processes never collide; everything is deleted on destruction. Needs root and iproute2.
#pragma once

#include "process.h"

#include <string>
#include <vector>

namespace cox::testing {

// True when this process can create namespaces and bridges (root with `ip` available).
bool canCreateNetworks();

class TestBridge {
public:
    // `subnetIndex` picks the LAN 10.(200+subnetIndex%50).(pid%250).0/24 so parallel runs differ.
    explicit TestBridge(int subnetIndex = 0);
    ~TestBridge();
    TestBridge(const TestBridge &) = delete;
    TestBridge &operator=(const TestBridge &) = delete;

    bool ok() const { return m_ok; }
    const std::string &name() const { return m_name; } // inside switchNetns()
    const std::string &switchNetns() const { return m_switchNetns; }
    // The host's interface on the LAN (it holds hostAddress()).
    const std::string &hostInterface() const { return m_uplink; }
    const std::string &hostAddress() const { return m_hostAddress; } // e.g. 10.201.7.1
    // The LAN address of host number `n` (2..254).
    std::string address(int n) const;
    const std::string &prefix() const { return m_prefix; } // e.g. 10.201.7

private:
    std::string m_name;
    std::string m_switchNetns;
    std::string m_uplink; // the host's end of the uplink veth
    std::string m_prefix;
    std::string m_hostAddress;
    bool m_ok = false;
};

class TestMachine {
public:
    // Machine number `n` (2..254) on `bridge`: namespace "cox<pid>m<n>", address bridge.address(n).
    TestMachine(const TestBridge &bridge, int n);
    ~TestMachine();
    TestMachine(const TestMachine &) = delete;
    TestMachine &operator=(const TestMachine &) = delete;

    bool ok() const { return m_ok; }
    const std::string &netns() const { return m_netns; }
    const std::string &address() const { return m_address; }
    // argv prefixed with `ip netns exec NS`, for runCommand / ChildProcess.
    std::vector<std::string> exec(std::vector<std::string> argv) const;
    CommandResult run(const std::vector<std::string> &argv,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

private:
    std::string m_netns;
    std::string m_switchVeth;
    std::string m_address;
    bool m_ok = false;
};

} // namespace cox::testing
