// bench_hollow_nodes K...: a control plane in this process and, for each K, the real
// `coxswain-agent --hollow K` as a child process. Waits until all K nodes are Ready, lets the
// fleet settle, then prints for the agent process alone:
//   - its RSS, and the RSS per hollow node over a one-node fleet (marginal cost per node)
//   - CPU seconds per node per minute while idle (utime+stime of the child over a 60 s window)
// The nodes keep the kubelet's rhythm (lease renewed every 10 s, status every 60 s; the control
// plane's node grace is 60 s) rather than the agent's quicker defaults, as kubemark does.
// Usage: bench_hollow_nodes 1000 5000   (default: 100; a one-node fleet is always measured first)
// COX_AGENT=/path/to/coxswain-agent measures another build of the agent (e.g. a release one).
#include "agent/api_client.h"
#include "controlplane/control_plane.h"
#include "process.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace cox;
using namespace std::chrono_literals;
using cox::agent::Json;

namespace {

double cpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) // fields 3..13, then utime (14) and stime (15)
        fields >> skip;
    long utime = 0, stime = 0;
    fields >> utime >> stime;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int readyNodes(agent::ApiClient &admin, const std::string &prefix) {
    auto list = admin.get("/api/v1/nodes");
    if (!list)
        return 0;
    const Json items = (*list)["items"];
    int ready = 0;
    for (const auto &n : items) {
        // Ready is enough: the cluster CIDR (a /16 cut into /24s) has pod CIDRs for 256 nodes,
        // and hollow nodes run no pod network.
        if (n["metadata"].value("name", "").rfind(prefix, 0) != 0)
            continue;
        for (const auto &c : n["status"].value("conditions", Json::array()))
            ready += c.value("type", "") == "Ready" && c.value("status", "") == "True";
    }
    return ready;
}

struct FleetFigures {
    bool settled = false;
    double joinSeconds = 0;
    long rssKb = 0;
    double cpuPerNodeMinute = 0;
    double cpuCorePercent = 0;
};

FleetFigures measure(controlplane::ControlPlane &plane, agent::ApiClient &admin,
                     const std::string &dir, int k) {
    FleetFigures f;
    const std::string prefix = "hollow" + std::to_string(k);
    cox::testing::ChildProcess agent;
    const auto start = std::chrono::steady_clock::now();
    cox::testing::writeFile(dir + "/hollow.json",
                            R"({"leaseDurationSeconds": 40, "nodeStatusIntervalSeconds": 60})");
    const char *binary = std::getenv("COX_AGENT") ? std::getenv("COX_AGENT") : COX_AGENT_BIN;
    agent.start({binary, "--server", plane.serverUrl(), "--token", plane.joinToken(), "--node-name",
                 prefix, "--data-dir", dir + "/" + prefix, "--hollow", std::to_string(k),
                 "--config", dir + "/hollow.json"},
                {}, dir + "/" + prefix + ".log");
    f.settled = cox::testing::waitUntil([&] { return readyNodes(admin, prefix + "-") == k; },
                                        std::chrono::seconds(120 + k / 10));
    f.joinSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::this_thread::sleep_for(20s); // joins done, heartbeats in their steady rhythm
    const double cpu0 = cpuSeconds(agent.pid());
    const auto t0 = std::chrono::steady_clock::now();
    long peak = 0;
    for (int i = 0; i < 12; ++i) {
        std::this_thread::sleep_for(5s);
        peak = std::max(peak, cox::testing::processRssKb(agent.pid()));
    }
    const double window =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpuSeconds(agent.pid()) - cpu0;
    f.rssKb = peak;
    f.cpuPerNodeMinute = cpu / k * (60.0 / window);
    f.cpuCorePercent = cpu / window * 100;
    agent.stop(SIGTERM, 60s);
    return f;
}

} // namespace

int main(int argc, char **argv) {
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes.push_back(100);
    const std::string dir = cox::testing::makeTempDir("bench-hollow");
    controlplane::ControlPlaneConfig config;
    config.dataDir = dir + "/master";
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    config.storeUri = "memory://";
    config.controllers.nodeLifecycle.gracePeriod = std::chrono::seconds(60);
    auto plane = controlplane::ControlPlane::start(config);
    if (!plane) {
        std::cerr << plane.status().message() << "\n";
        return 1;
    }
    auto admin = agent::ApiClient::create(
        (*plane)->serverUrl(),
        agent::Credentials{(*plane)->caPem(), {}, {}, (*plane)->adminToken()});
    if (!admin)
        return 1;
    const FleetFigures one = measure(**plane, **admin, dir, 1);
    std::cout << "hollow nodes=1  agent_rss=" << one.rssKb << " KiB" << std::endl;
    int rc = one.settled ? 0 : 1;
    for (int k : sizes) {
        const FleetFigures f = measure(**plane, **admin, dir, k);
        std::cout << "hollow nodes=" << k << (f.settled ? "" : " (NOT all Ready)")
                  << "  join_to_all_ready=" << f.joinSeconds << " s  agent_rss=" << f.rssKb / 1024.0
                  << " MiB  rss_per_node=" << (f.rssKb - one.rssKb) / double(k - 1 > 0 ? k - 1 : 1)
                  << " KiB  cpu_s_per_node_per_min=" << f.cpuPerNodeMinute << "  (agent "
                  << f.cpuCorePercent << "% of one core)" << std::endl;
        rc |= f.settled ? 0 : 1;
    }
    (*plane)->stop();
    cox::testing::removeTree(dir);
    return rc;
}
