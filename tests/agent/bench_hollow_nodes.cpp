// bench_hollow_nodes K...: starts a control plane in-process, then K hollow nodes (in this
// process), waits until every node is registered with a pod CIDR, and prints
//   - RSS per hollow node: VmRSS growth from before the fleet to after it settled, over K
//   - CPU seconds per node per minute while idle (process CPU over a 30 s window, master
//     included, so it is an upper bound for the nodes alone)
// Usage: bench_hollow_nodes 100 1000 5000   (default: 100)
#include "controlplane/control_plane.h"
#include "hollow/hollow_fleet.h"
#include "process.h"

#include <fstream>
#include <iostream>
#include <sys/resource.h>
#include <thread>

using namespace cox;

namespace {

long vmRssKb() {
    std::ifstream in("/proc/self/status");
    std::string key;
    long value = 0;
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return value;
}

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int runOne(int k) {
    const std::string dir = cox::testing::makeTempDir("bench-hollow");
    controlplane::ControlPlaneConfig config;
    config.dataDir = dir + "/master";
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    auto plane = controlplane::ControlPlane::start(config);
    if (!plane) {
        std::cerr << plane.status().message() << "\n";
        return 1;
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const long before = vmRssKb();
    agent::HollowFleetConfig fleetConfig;
    fleetConfig.serverUrl = (*plane)->serverUrl();
    fleetConfig.joinToken = (*plane)->joinToken();
    fleetConfig.namePrefix = "hollow";
    fleetConfig.dataDir = dir + "/nodes";
    fleetConfig.count = k;
    fleetConfig.node.leaseDuration = std::chrono::seconds(10);
    const auto joinStart = std::chrono::steady_clock::now();
    auto fleet = agent::HollowFleet::start(fleetConfig);
    if (!fleet) {
        std::cerr << fleet.status().message() << "\n";
        return 1;
    }
    const double joinSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - joinStart).count();
    auto settled = [&] {
        for (size_t i = 0; i < (*fleet)->size(); ++i)
            if ((*fleet)->heartbeat(i).podCidr().empty())
                return false;
        return true;
    };
    const bool ok = cox::testing::waitUntil(settled, std::chrono::seconds(60 + k / 20));
    const long after = vmRssKb();
    const double cpu0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(30));
    const double window =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpuSeconds() - cpu0;
    std::cout << "hollow nodes=" << k << (ok ? "" : " (NOT all settled)")
              << "  join+start=" << joinSeconds << " s"
              << "  rss_per_node=" << (after - before) / static_cast<double>(k) << " KiB"
              << "  cpu_s_per_node_per_min_idle=" << cpu / k * (60.0 / window) << "  (process cpu "
              << cpu / window * 100 << "% of one core)" << std::endl;
    (*fleet)->stop();
    (*plane)->stop();
    cox::testing::removeTree(dir);
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes.push_back(100);
    int rc = 0;
    for (int k : sizes)
        rc |= runOne(k);
    return rc;
}
