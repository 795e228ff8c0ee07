// bench_service_rules: rule-sync time for 1,000 Services x 10 ready endpoints - generating the
// rule set, rendering the iptables-restore payload, and applying it with iptables-restore
// --noflush inside a throwaway network namespace (the host's tables are never touched): the
// first full apply, a re-apply with nothing changed, and an apply after one endpoint moved.
// Needs root for the apply part (generation is measured either way).
#include "net_fixture.h"
#include "network/iptables_applier.h"
#include "network/iptables_backend.h"
#include "object_builders.h"
#include "proxy/service_rule_set.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using namespace cox::agent;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point from) {
    return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
}

void makeCluster(int count, int perService, std::vector<cox::model::Service> &services,
                 std::vector<cox::model::Endpoints> &endpoints) {
    for (int i = 0; i < count; ++i) {
        std::string name = "svc-" + std::to_string(i);
        std::string ip = "10.96." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
        services.push_back(testing::makeService("bench", name)
                               .clusterIp(ip)
                               .type("NodePort")
                               .port("http", 80, 8080, 30000 + i % 2000));
        auto eps = testing::makeEndpoints("bench", name).port("http", 8080);
        for (int e = 0; e < perService; ++e) {
            int n = i * perService + e;
            eps.ready("10.244." + std::to_string(n / 250) + "." + std::to_string(n % 250 + 2));
        }
        endpoints.push_back(eps);
    }
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
    // bench_service_rules [SERVICES] [--legacy|--nft|--auto] [--dump]
    // Without a backend flag: the host's default iptables. --auto: the agent's choice
    // (IptablesBackend, made inside the bench's fresh namespace).
    int count = argc > 1 && std::isdigit(static_cast<unsigned char>(argv[1][0]))
                    ? std::atoi(argv[1])
                    : 1000;
    bool dump = false;
    std::string backend;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--legacy" || arg == "--nft" || arg == "--auto")
            backend = arg.substr(2);
        dump = dump || arg == "--dump";
    }
    std::vector<cox::model::Service> services;
    std::vector<cox::model::Endpoints> endpoints;
    makeCluster(count, 10, services, endpoints);
    proxy::ProxyConfig config;
    config.clusterCidr = "10.244.0.0/16";

    std::vector<double> builds, renders;
    network::IptablesRuleSet set;
    std::string payload;
    for (int run = 0; run < 5; ++run) {
        auto begin = Clock::now();
        set = proxy::ServiceRuleSet::build(services, endpoints, config);
        builds.push_back(msSince(begin));
        begin = Clock::now();
        payload = set.render();
        renders.push_back(msSince(begin));
    }
    if (dump) {
        std::fputs(payload.c_str(), stdout);
        return 0;
    }
    std::printf("%d services x 10 endpoints: %zu rules, %zu chains, payload %.1f MB\n", count,
                set.ruleCount(), set.findTable("nat")->chains.size(), payload.size() / 1e6);
    std::printf("generate (median of 5): %.1f ms, render: %.1f ms\n", median(builds),
                median(renders));

    if (::geteuid() != 0) {
        std::printf("apply: skipped (needs root for a network namespace)\n");
        return 0;
    }
    std::string netns = "coxbench" + std::to_string(::getpid());
    if (!testing::runIn("", {"ip", "netns", "add", netns})) {
        std::printf("apply: cannot create a network namespace\n");
        return 1;
    }
    network::CommandRunner runner({"ip", "netns", "exec", netns});
    network::IptablesTools tools;
    if (!backend.empty()) {
        auto choice = network::IptablesBackend::choose(runner, backend);
        if (!choice) {
            std::printf("backend: %s\n", choice.status().message().c_str());
            return 1;
        }
        tools = choice->tools;
        std::printf("backend %s (%s)\n", choice->name.c_str(), choice->reason.c_str());
    }
    network::IptablesApplier applier(runner, proxy::ServiceRuleSet::ownedChains(), tools);
    std::printf("applying with %s\n", tools.restore.c_str());
    auto begin = Clock::now();
    auto status = applier.apply(set);
    double first = msSince(begin);
    begin = Clock::now();
    auto again = applier.apply(set);
    double unchanged = msSince(begin);
    endpoints[count / 2].subsets[0].addresses[3].ip = "10.244.200.200";
    begin = Clock::now();
    auto changed = proxy::ServiceRuleSet::build(services, endpoints, config);
    auto third = applier.apply(changed);
    double oneChange = msSince(begin);
    testing::runIn("", {"ip", "netns", "del", netns});
    if (!status.isOk() || !again.isOk() || !third.isOk()) {
        std::printf("apply failed: %s %s %s\n", status.message().c_str(), again.message().c_str(),
                    third.message().c_str());
        return 1;
    }
    std::printf("apply: first (full) %.0f ms, unchanged %.0f ms, "
                "one endpoint changed (generate + apply, %zu chains rewritten) %.0f ms\n",
                first, unchanged, applier.lastChangedChains(), oneChange);
    return 0;
}
