// bench_agent_memory [PODS]: the real coxswain-agent's memory on a real node (runc + CNI + a local
// registry), as `ps` sees it: VmRSS of the agent process idle (Ready, no pods, settled) and with
// PODS (default 100) busybox pods Running, sampled over a minute each. The per-pod shims are
// separate processes (like containerd-shim); their summed RSS is printed too, for context. Needs
// root, runc, CNI plugins, docker-registry and busybox-static.
#include "system_env.h"

#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <thread>

using namespace cox::agent::testing;
using cox::agent::Json;
using cox::testing::waitUntil;
using namespace std::chrono_literals;

namespace {

// Peak and mean RSS over a minute (12 samples).
std::pair<long, long> sample(pid_t pid) {
    long peak = 0, sum = 0;
    for (int i = 0; i < 12; ++i) {
        std::this_thread::sleep_for(5s);
        long now = cox::testing::processRssKb(pid);
        peak = std::max(peak, now);
        sum += now;
    }
    return {peak, sum / 12};
}

// "RssAnon 2800 kB, RssFile 8100 kB": heap and stacks vs mapped program text and data, which
// tells which kind of saving would help.
std::string rssBreakdown(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string out;
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("RssAnon:", 0) == 0 || line.rfind("RssFile:", 0) == 0) {
            line.erase(std::remove(line.begin(), line.end(), '\t'), line.end());
            out += (out.empty() ? "" : ", ") + line;
        }
    }
    return out;
}

// Summed RSS of the agent's shims: forks of the agent (same command line), other than the agent.
long shimsKb(const std::string &needle, pid_t agent) {
    long total = 0;
    DIR *proc = opendir("/proc");
    while (proc) {
        dirent *e = readdir(proc);
        if (!e)
            break;
        const std::string pid = e->d_name;
        if (pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream cmd("/proc/" + pid + "/cmdline");
        std::string text((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
        if (std::stoi(pid) != agent && text.find(needle) != std::string::npos)
            total += cox::testing::processRssKb(std::stoi(pid));
    }
    if (proc)
        closedir(proc);
    return total;
}

Json deployment(int replicas, const std::string &image) {
    Json container = {
        {"name", "app"},
        {"image", image},
        {"command", {"sh", "-c", "trap 'exit 0' TERM; while true; do busybox sleep 5; done"}},
        {"resources", {{"requests", {{"cpu", "5m"}, {"memory", "4Mi"}}}}}};
    Json tmpl = {{"metadata", {{"labels", {{"app", "mem"}}}}},
                 {"spec", {{"terminationGracePeriodSeconds", 1}, {"containers", {container}}}}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", "mem"}, {"namespace", "default"}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", {{"app", "mem"}}}}},
              {"template", tmpl}}}};
}

} // namespace

int main(int argc, char **argv) {
    const int pods = argc > 1 ? std::atoi(argv[1]) : 100;
    if (std::string missing = missingPrerequisite(); !missing.empty()) {
        std::fprintf(stderr, "bench_agent_memory %s\n", missing.c_str());
        return 1;
    }
    SystemEnv env;
    env.enableNodeNetwork(); // measured as users run it: service rules, routes and DNS included
    if (std::string e = env.start(); !e.empty() || !(e = env.startAgent()).empty()) {
        std::fprintf(stderr, "%s\n", e.c_str());
        return 1;
    }
    if (!waitUntil([&] { return env.nodeReady() && !env.podCidr().empty(); }, 60s))
        return 1;
    std::this_thread::sleep_for(10s);
    const auto [idlePeak, idleMean] = sample(env.agentPid());
    std::printf("agent idle: rss peak %.1f MiB, mean %.1f MiB (%s)\n", idlePeak / 1024.0,
                idleMean / 1024.0, rssBreakdown(env.agentPid()).c_str());
    std::fflush(stdout);

    const auto start = std::chrono::steady_clock::now();
    if (!env.admin().post("/apis/apps/v1/namespaces/default/deployments",
                          deployment(pods, env.image())))
        return 1;
    auto running = [&] {
        int n = 0;
        for (const auto &p : env.podsWithLabel("mem"))
            n += podRunning(p);
        return n;
    };
    const bool all =
        waitUntil([&] { return running() == pods; }, std::chrono::seconds(60 + pods * 6));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%d pods Running: %s after %.1f s\n", pods, all ? "all" : "NOT all", seconds);
    std::this_thread::sleep_for(10s);
    const auto [busyPeak, busyMean] = sample(env.agentPid());
    std::printf(
        "agent with %d pods: rss peak %.1f MiB, mean %.1f MiB (%s); shims %.1f MiB in all\n",
        running(), busyPeak / 1024.0, busyMean / 1024.0, rssBreakdown(env.agentPid()).c_str(),
        shimsKb(env.dataDir(), env.agentPid()) / 1024.0);
    (void)env.admin().del("/apis/apps/v1/namespaces/default/deployments/mem");
    return all ? 0 : 1;
}
