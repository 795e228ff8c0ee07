// bench_service_path: what the service proxy costs a connection. In a namespace "machine" with a
// pod bridge, a client pod talks to a server pod straight by pod IP and through a ClusterIP
// (iptables DNAT): connection setup latency (connect + a one-line answer, p50/p99 over 2,000
// sequential connections) and bulk throughput (256 MB through one connection). Needs root.
#include "net_fixture.h"
#include "network/iptables_applier.h"
#include "object_builders.h"
#include "proxy/service_rule_set.h"
#include "tcp_test_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace cox::agent;
using namespace cox::agent::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct Latency {
    double p50 = 0, p99 = 0;
    int failures = 0;
};

Latency measureSetup(const std::string &netns, const std::string &ip, int port, int count) {
    std::vector<double> samples;
    Latency latency;
    inNetns(netns, [&] {
        for (int i = 0; i < count; ++i) {
            auto begin = Clock::now();
            auto result = tcpRequest(ip, port);
            double us = std::chrono::duration<double, std::micro>(Clock::now() - begin).count();
            if (result.response.empty())
                ++latency.failures;
            else
                samples.push_back(us);
        }
    });
    if (samples.empty())
        return latency;
    std::sort(samples.begin(), samples.end());
    latency.p50 = samples[samples.size() / 2];
    latency.p99 = samples[samples.size() * 99 / 100];
    return latency;
}

double measureThroughput(const std::string &netns, const std::string &ip, int port, size_t bytes) {
    double mbPerSecond = 0;
    inNetns(netns, [&] {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            ::close(fd);
            return;
        }
        std::vector<char> chunk(1 << 20, 'x');
        auto begin = Clock::now();
        for (size_t sent = 0; sent < bytes;) {
            ssize_t n = ::send(fd, chunk.data(), std::min(chunk.size(), bytes - sent), 0);
            if (n <= 0)
                break;
            sent += static_cast<size_t>(n);
        }
        ::shutdown(fd, SHUT_WR);
        char answer[64];
        ssize_t got = ::recv(fd, answer, sizeof answer - 1, 0);
        double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
        ::close(fd);
        if (got > 0 && std::strtoull(std::string(answer, got).c_str(), nullptr, 10) == bytes)
            mbPerSecond = bytes / 1e6 / seconds;
    });
    return mbPerSecond;
}

} // namespace

int main() {
    if (!cox::testing::canCreateNetworks()) {
        std::printf("needs root and iproute2\n");
        return 0;
    }
    cox::testing::TestBridge lan(13);
    cox::testing::TestMachine machine(lan, 2);
    PodBridge bridge(machine.netns(), "cox0", "10.244.1.1");
    TestPod server(bridge, "10.244.1.11"), client(bridge, "10.244.1.20");
    TcpTestServer greet(server.netns(), 8080, "server");
    TcpTestServer sink(server.netns(), 8081, "sink", TcpTestServer::Mode::Sink);
    if (!lan.ok() || !machine.ok() || !bridge.ok() || !server.ok() || !client.ok() || !greet.ok() ||
        !sink.ok()) {
        std::printf("setting up namespaces failed\n");
        return 1;
    }
    auto service = makeService("bench", "path")
                       .clusterIp("10.96.0.10")
                       .port("greet", 80, 8080)
                       .port("sink", 81, 8081);
    auto endpoints =
        makeEndpoints("bench", "path").ready("10.244.1.11").port("greet", 8080).port("sink", 8081);
    proxy::ProxyConfig config;
    config.clusterCidr = "10.244.0.0/16";
    network::IptablesApplier applier(
        network::CommandRunner({"ip", "netns", "exec", machine.netns()}),
        proxy::ServiceRuleSet::ownedChains());
    if (auto status = applier.apply(proxy::ServiceRuleSet::build({service}, {endpoints}, config));
        !status) {
        std::printf("apply: %s\n", status.message().c_str());
        return 1;
    }
    const int count = 2000;
    measureSetup(client.netns(), "10.244.1.11", 8080, 200); // warm up
    auto direct = measureSetup(client.netns(), "10.244.1.11", 8080, count);
    auto viaService = measureSetup(client.netns(), "10.96.0.10", 80, count);
    std::printf("connection setup (connect + answer), %d sequential connections:\n", count);
    std::printf("  pod IP    p50 %.0f us  p99 %.0f us  failures %d\n", direct.p50, direct.p99,
                direct.failures);
    std::printf("  ClusterIP p50 %.0f us  p99 %.0f us  failures %d\n", viaService.p50,
                viaService.p99, viaService.failures);
    const size_t bytes = 256u << 20;
    for (int round = 0; round < 2; ++round) {
        double podMb = measureThroughput(client.netns(), "10.244.1.11", 8081, bytes);
        double svcMb = measureThroughput(client.netns(), "10.96.0.10", 81, bytes);
        std::printf("throughput, 256 MB one connection: pod IP %.0f MB/s, ClusterIP %.0f MB/s\n",
                    podMb, svcMb);
    }
    return 0;
}
