#include "test_network.h"

#include <unistd.h>

namespace cox::testing {
namespace {

bool ip(const std::vector<std::string> &args) {
    std::vector<std::string> argv{"ip"};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv, {}, std::chrono::seconds(10)).exitCode == 0;
}

// Docker leaves the FORWARD policy at DROP; traffic the host routes for the machines (to anywhere
// beyond the test LAN) crosses FORWARD, so the uplink gets explicit accepts (removed afterwards).
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
    const std::string tag = std::to_string(pid % 100000) + "_" + std::to_string(subnetIndex % 10);
    m_name = "coxbr" + tag;
    m_switchNetns = "coxsw" + tag;
    m_uplink = "coxup" + tag;
    m_prefix = "10." + std::to_string(200 + subnetIndex % 50) + "." + std::to_string(pid % 250 + 1);
    m_hostAddress = m_prefix + ".1";
    // Leftovers of a crashed run with the same pid.
    ip({"link", "del", m_uplink});
    ip({"netns", "del", m_switchNetns});
    const std::string inner = "coxdn" + tag;
    m_ok = ip({"netns", "add", m_switchNetns}) &&
           ip({"-n", m_switchNetns, "link", "add", m_name, "type", "bridge"}) &&
           ip({"-n", m_switchNetns, "link", "set", m_name, "up"}) &&
           ip({"link", "add", m_uplink, "type", "veth", "peer", "name", inner, "netns",
               m_switchNetns}) &&
           ip({"-n", m_switchNetns, "link", "set", inner, "master", m_name, "up"}) &&
           ip({"addr", "add", m_hostAddress + "/24", "dev", m_uplink}) &&
           ip({"link", "set", m_uplink, "up"});
    if (m_ok)
        forwardRules(m_uplink, "-I");
}

TestBridge::~TestBridge() {
    forwardRules(m_uplink, "-D");
    ip({"link", "del", m_uplink});
    // Takes the bridge and the machines' switch-side veth ends with it.
    ip({"netns", "del", m_switchNetns});
}

std::string TestBridge::address(int n) const {
    return m_prefix + "." + std::to_string(n);
}

TestMachine::TestMachine(const TestBridge &bridge, int n) {
    const std::string tag = std::to_string(getpid() % 100000) + "m" + std::to_string(n);
    m_netns = "cox" + tag;
    m_switchVeth = "cv" + tag;
    const std::string inner = "ci" + tag;
    m_address = bridge.address(n);
    ip({"netns", "del", m_netns});
    m_ok = bridge.ok() && ip({"netns", "add", m_netns}) &&
           ip({"link", "add", m_switchVeth, "type", "veth", "peer", "name", inner}) &&
           ip({"link", "set", inner, "netns", m_netns}) &&
           ip({"link", "set", m_switchVeth, "netns", bridge.switchNetns()}) &&
           ip({"-n", bridge.switchNetns(), "link", "set", m_switchVeth, "master", bridge.name()}) &&
           ip({"-n", bridge.switchNetns(), "link", "set", m_switchVeth, "up"}) &&
           ip({"-n", m_netns, "link", "set", "lo", "up"}) &&
           ip({"-n", m_netns, "link", "set", inner, "name", "eth0"}) &&
           ip({"-n", m_netns, "addr", "add", m_address + "/24", "dev", "eth0"}) &&
           ip({"-n", m_netns, "link", "set", "eth0", "up"}) &&
           ip({"-n", m_netns, "route", "add", "default", "via", bridge.hostAddress()});
}

TestMachine::~TestMachine() {
    // Deleting the namespace deletes eth0 and with it the switch-side end.
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
