#include "net_fixture.h"

#include <atomic>
#include <fcntl.h>
#include <sched.h>
#include <thread>
#include <unistd.h>

namespace cox::agent::testing {
namespace {

std::atomic<int> g_counter{0};

std::vector<std::string> inNs(const std::string &netns, std::vector<std::string> argv) {
    if (netns.empty())
        return argv;
    std::vector<std::string> full = {"ip", "netns", "exec", netns};
    full.insert(full.end(), argv.begin(), argv.end());
    return full;
}

} // namespace

bool runIn(const std::string &netns, const std::vector<std::string> &argv) {
    return cox::testing::runCommand(inNs(netns, argv), {}, std::chrono::seconds(20)).exitCode == 0;
}

void inNetns(const std::string &netns, const std::function<void()> &fn) {
    std::thread worker([&] {
        if (!netns.empty()) {
            int fd = ::open(("/run/netns/" + netns).c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) {
                if (fd >= 0)
                    ::close(fd);
                return;
            }
            ::close(fd);
        }
        fn();
    });
    worker.join();
}

PodBridge::PodBridge(std::string machineNetns, std::string name, std::string gateway)
    : m_netns(std::move(machineNetns))
    , m_name(std::move(name))
    , m_gateway(std::move(gateway)) {
    m_ok = runIn(m_netns, {"ip", "link", "add", m_name, "type", "bridge"}) &&
           runIn(m_netns, {"ip", "addr", "add", m_gateway + "/24", "dev", m_name}) &&
           runIn(m_netns, {"ip", "link", "set", m_name, "up"}) &&
           runIn(m_netns, {"sysctl", "-qw", "net.ipv4.ip_forward=1"});
    // Replies between two pods on one bridge must pass conntrack to be un-DNATed, as
    // Kubernetes requires; newer kernels keep this per namespace.
    runIn(m_netns, {"sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1"});
}

PodBridge::~PodBridge() {
    runIn(m_netns, {"ip", "link", "del", m_name});
}

TestPod::TestPod(const PodBridge &bridge, std::string ip)
    : m_ip(std::move(ip)) {
    int n = g_counter++;
    std::string pid = std::to_string(::getpid());
    m_netns = "cox" + pid + "p" + std::to_string(n);
    std::string veth = "cv" + pid + "_" + std::to_string(n);
    const std::string &machine = bridge.machineNetns();
    m_ok = runIn("", {"ip", "netns", "add", m_netns}) &&
           runIn(machine, {"ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0",
                           "netns", m_netns}) &&
           runIn(machine, {"ip", "link", "set", veth, "master", bridge.name(), "up"}) &&
           runIn(machine, {"ip", "link", "set", veth, "type", "bridge_slave", "hairpin", "on"}) &&
           runIn(m_netns, {"ip", "addr", "add", m_ip + "/24", "dev", "eth0"}) &&
           runIn(m_netns, {"ip", "link", "set", "eth0", "up"}) &&
           runIn(m_netns, {"ip", "link", "set", "lo", "up"}) &&
           runIn(m_netns, {"ip", "route", "add", "default", "via", bridge.gateway()});
}

TestPod::~TestPod() {
    // Deleting the namespace deletes eth0 and with it the veth's other end.
    runIn("", {"ip", "netns", "del", m_netns});
}

} // namespace cox::agent::testing
