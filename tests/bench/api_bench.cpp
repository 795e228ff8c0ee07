// bench_apiserver: API server figures over real HTTPS against an in-process control plane with
// the durable SQLite store (on disk under /var/tmp, not tmpfs):
//   1. create latency p50/p99 at a fixed open-loop rate (default 1,000 pod creates/s for 10 s),
//      measured from each request's scheduled time so queueing counts;
//   2. list of N pods (default 10,000 and 150,000): wall time of GET .../pods and peak RSS;
//   3. idle RSS of a coxswain-master process (when its path is given).
// Usage: bench_apiserver [--rate R] [--seconds S] [--list N[,N...]] [--master PATH]
#include "controlplane/control_plane.h"
#include "http/client.h"
#include "process.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using cox::http::Client;

struct Args {
    int rate = 1000;
    int seconds = 10;
    std::vector<int> listSizes = {10'000, 150'000};
    std::string masterPath;
};

Args parseArgs(int argc, char **argv) {
    Args args;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--rate")
            args.rate = std::stoi(value);
        else if (flag == "--seconds")
            args.seconds = std::stoi(value);
        else if (flag == "--master")
            args.masterPath = value;
        else if (flag == "--list") {
            args.listSizes.clear();
            std::stringstream ss(value);
            for (std::string n; std::getline(ss, n, ',');)
                args.listSizes.push_back(std::stoi(n));
        }
    }
    return args;
}

long statusField(const std::string &pid, const std::string &field) {
    std::ifstream in("/proc/" + pid + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field + ":", 0) == 0)
            return std::stol(line.substr(field.size() + 1));
    return -1;
}

std::string podJson(const std::string &ns, const std::string &name) {
    return R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")" + name + R"(","namespace":")" +
           ns +
           R"(","labels":{"app":"bench","tier":"web"}},"spec":{"containers":[{"name":"app","image":"registry.local/bench/app:1.0","ports":[{"containerPort":8080}],"resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]}})";
}

Client makeClient(const cox::controlplane::ControlPlane &plane) {
    cox::http::ClientConfig config;
    config.port = plane.port();
    config.caPem = plane.caPem();
    config.bearerToken = plane.adminToken();
    auto client = Client::create(config);
    if (!client) {
        std::fprintf(stderr, "client: %s\n", client.status().message().c_str());
        std::exit(1);
    }
    return std::move(*client);
}

void createNamespace(Client &client, const std::string &ns) {
    const auto r = client.request("POST", "/api/v1/namespaces",
                                  R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")" +
                                      ns + R"("}})",
                                  {{"Content-Type", "application/json"}});
    if (!r || r->status != 201) {
        std::fprintf(stderr, "namespace %s: %s\n", ns.c_str(), r ? r->body.c_str() : "transport");
        std::exit(1);
    }
}

double percentile(std::vector<double> &v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void benchCreateLatency(const cox::controlplane::ControlPlane &plane, const Args &args) {
    const int workers = 16;
    const int total = args.rate * args.seconds;
    std::vector<std::vector<double>> latencies(workers);
    std::atomic<int> failures{0};
    {
        auto admin = makeClient(plane);
        createNamespace(admin, "bench-create");
    }
    const auto start = Clock::now() + std::chrono::milliseconds(200);
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            auto client = makeClient(plane);
            for (int i = w; i < total; i += workers) {
                const auto due = start + std::chrono::microseconds(1'000'000LL * i / args.rate);
                std::this_thread::sleep_until(due);
                const auto r = client.request("POST", "/api/v1/namespaces/bench-create/pods",
                                              podJson("bench-create", "p-" + std::to_string(i)),
                                              {{"Content-Type", "application/json"}});
                if (!r || r->status != 201)
                    failures++;
                latencies[w].push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - due).count());
            }
        });
    }
    for (auto &t : threads)
        t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (auto &l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    const double p50 = percentile(all, 0.50), p99 = percentile(all, 0.99);
    std::printf("create: %d pods at target %d/s over HTTPS (16 connections): achieved %.0f/s, "
                "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, failures %d\n",
                total, args.rate, total / elapsed, p50, p99, all.empty() ? 0.0 : all.back(),
                failures.load());
}

void populate(const cox::controlplane::ControlPlane &plane, const std::string &ns, int from,
              int to) {
    const int workers = 16;
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            auto client = makeClient(plane);
            for (int i = from + w; i < to; i += workers)
                (void)client.request("POST", "/api/v1/namespaces/" + ns + "/pods",
                                     podJson(ns, "p-" + std::to_string(i)),
                                     {{"Content-Type", "application/json"}});
        });
    }
    for (auto &t : threads)
        t.join();
}

void benchList(const cox::controlplane::ControlPlane &plane, const Args &args) {
    auto client = makeClient(plane);
    createNamespace(client, "bench-list");
    int have = 0;
    for (int size : args.listSizes) {
        const auto fillStart = Clock::now();
        populate(plane, "bench-list", have, size);
        const double fillSecs = std::chrono::duration<double>(Clock::now() - fillStart).count();
        have = size;
        const long rssBefore = statusField("self", "VmRSS");
        std::vector<double> times;
        size_t bytes = 0;
        for (int rep = 0; rep < 3; ++rep) {
            const auto t0 = Clock::now();
            const auto r = client.request("GET", "/api/v1/namespaces/bench-list/pods");
            times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (!r || r->status != 200) {
                std::fprintf(stderr, "list failed\n");
                std::exit(1);
            }
            bytes = r->body.size();
        }
        std::printf("list: %d pods (%.1f MB JSON) in %.0f ms median of 3 (min %.0f ms); process "
                    "RSS %ld MB before, peak %ld MB (server and client in one process; filled at "
                    "%.0f creates/s)\n",
                    size, static_cast<double>(bytes) / 1e6, percentile(times, 0.5),
                    *std::min_element(times.begin(), times.end()), rssBefore / 1024,
                    statusField("self", "VmHWM") / 1024, (size - 0) / std::max(fillSecs, 1e-9));
    }
}

void benchIdleRss(const std::string &masterPath) {
    const std::string dir = cox::testing::makeTempDir("cox-idle");
    const int port = cox::testing::freeLoopbackPort();
    cox::testing::ChildProcess master;
    master.start(
        {masterPath, "--data-dir", dir + "/data", "--listen", "127.0.0.1:" + std::to_string(port)},
        {}, dir + "/master.log");
    std::this_thread::sleep_for(std::chrono::seconds(5)); // started and settled
    const std::string pid = std::to_string(master.pid());
    std::printf("idle: coxswain-master RSS %ld MB (VmRSS %ld kB) 5 s after start, empty cluster\n",
                statusField(pid, "VmRSS") / 1024, statusField(pid, "VmRSS"));
    master.stop(SIGTERM);
    cox::testing::removeTree(dir);
}

} // namespace

int main(int argc, char **argv) {
    const Args args = parseArgs(argc, argv);
    if (!args.masterPath.empty())
        benchIdleRss(args.masterPath);

    const std::string dir = "/var/tmp/cox-bench-" + std::to_string(::getpid());
    cox::controlplane::ControlPlaneConfig config;
    config.dataDir = dir;
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    auto plane = cox::controlplane::ControlPlane::start(config);
    if (!plane) {
        std::fprintf(stderr, "control plane: %s\n", plane.status().message().c_str());
        return 1;
    }
    benchCreateLatency(**plane, args);
    benchList(**plane, args);
    (*plane)->stop();
    cox::testing::removeTree(dir);
    return 0;
}
