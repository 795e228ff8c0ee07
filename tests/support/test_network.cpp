#include "test_network.h"

#include <unistd.h>

namespace cox::testing {
namespace {

bool ip(const std::vector<std::string> &args) {
    std::vector<std::string> argv{"ip"};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv, {}, std::chrono::seconds(10)).exitCode == 0;
}

// Docker leaves the FORWARD policy at DROP; traffic between namespaces on our bridge crosses
// FORWARD when br_netfilter is loaded, so the bridge gets explicit accepts (removed afterwards).
void forwardRules(const std::string &bridge, const char *action) {
    for (const char *dir : {"-i", "-o"})
        runCommand({"iptables", "-w", action, "FORWARD", dir, bridge, "-j", "ACCEPT"}, {},
                   std::chrono::seconds(10));
}

} // namespace

bool canCreateNetworks() {
    return geteuid() == 0 && runCommand({"ip", "-V"}, {}, std::chrono::seconds(5)).exitCode == 0;
}

TestBridge::TestBridge(int subnetIndex) {
    const int pid = static_cast<int>(getpid());
    m_name = "coxbr" + std::to_string(pid % 100000) + "_" + std::to_string(subnetIndex % 10);
    m_prefix = "10." + std::to_string(200 + subnetIndex % 50) + "." + std::to_string(pid % 250 + 1);
    m_hostAddress = m_prefix + ".1";
    ip({"link", "del", m_name}); // a leftover of a crashed run with the same pid
    m_ok = ip({"link", "add", m_name, "type", "bridge"}) &&
           ip({"addr", "add", m_hostAddress + "/24", "dev", m_name}) &&
           ip({"link", "set", m_name, "up"});
    if (m_ok)
        forwardRules(m_name, "-I");
}

TestBridge::~TestBridge() {
    forwardRules(m_name, "-D");
    ip({"link", "del", m_name});
}

std::string TestBridge::address(int n) const {
    return m_prefix + "." + std::to_string(n);
}

TestMachine::TestMachine(const TestBridge &bridge, int n) {
    const std::string tag = std::to_string(getpid() % 100000) + "m" + std::to_string(n);
    m_netns = "cox" + tag;
    m_hostVeth = "cv" + tag;
    const std::string inner = "ci" + tag;
    m_address = bridge.address(n);
    ip({"netns", "del", m_netns});
    m_ok = bridge.ok() && ip({"netns", "add", m_netns}) &&
           ip({"link", "add", m_hostVeth, "type", "veth", "peer", "name", inner}) &&
           ip({"link", "set", inner, "netns", m_netns}) &&
           ip({"link", "set", m_hostVeth, "master", bridge.name()}) &&
           ip({"link", "set", m_hostVeth, "up"}) &&
           ip({"-n", m_netns, "link", "set", "lo", "up"}) &&
           ip({"-n", m_netns, "link", "set", inner, "name", "eth0"}) &&
           ip({"-n", m_netns, "addr", "add", m_address + "/24", "dev", "eth0"}) &&
           ip({"-n", m_netns, "link", "set", "eth0", "up"}) &&
           ip({"-n", m_netns, "route", "add", "default", "via", bridge.hostAddress()});
}

TestMachine::~TestMachine() {
    ip({"link", "del", m_hostVeth});
    ip({"netns", "del", m_netns});
}

std::vector<std::string> TestMachine::exec(std::vector<std::string> argv) const {
    argv.insert(argv.begin(), {"ip", "netns", "exec", m_netns});
    return argv;
}

CommandResult TestMachine::run(const std::vector<std::string> &argv,
                               std::chrono::milliseconds timeout) const {
    return runCommand(exec(argv), {}, timeout);
}

} // namespace cox::testing
