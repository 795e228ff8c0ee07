// The control plane's MetricsStore (the HPA's PodMetricsSource) and summary parsing, on a fake
// clock: millicores from container sums, samples ageing out, the newest node's copy of a pod.
#include "metrics/metrics_store.h"
#include "metrics/summary_parser.h"

#include <gtest/gtest.h>

namespace cox::metrics {
namespace {

using namespace std::chrono_literals;
using Json = model::Json;

NodeScrape scrapeWith(const std::string &pod, int64_t nanoCores, WallTime at) {
    NodeScrape s;
    s.node = NodeUsage{"n", at, 5000ms, 1'000'000'000, 1 << 20};
    PodUsage p{"default", pod, at, 5000ms, {}};
    p.containers = {{"a", nanoCores, 1 << 20}, {"b", nanoCores, 2 << 20}};
    s.pods.push_back(p);
    return s;
}

TEST(MetricsStoreTest, PodCpuInMillicoresIsTheContainersSum) {
    FakeClock clock;
    MetricsStore store(clock, 30s);
    controllers::PodMetricsSource &source = store;
    EXPECT_FALSE(source.cpuUsageMillicores("default", "web"));
    store.replaceNode("n1", scrapeWith("web", 150'000'000, clock.now()));
    EXPECT_EQ(source.cpuUsageMillicores("default", "web").value_or(-1), 300);
    EXPECT_FALSE(source.cpuUsageMillicores("other", "web"));
}

TEST(MetricsStoreTest, SamplesAgeOutAndRemovalForgets) {
    FakeClock clock;
    MetricsStore store(clock, 30s);
    store.replaceNode("n1", scrapeWith("web", 1, clock.now()));
    store.replaceNode("n2", scrapeWith("db", 1, clock.now()));
    EXPECT_EQ(store.nodes().size(), 2u);
    store.removeNode("n2");
    EXPECT_EQ(store.nodes().size(), 1u);
    EXPECT_FALSE(store.pod("default", "db"));
    clock.advance(31s);
    EXPECT_TRUE(store.nodes().empty());
    EXPECT_FALSE(store.pod("default", "web"));
    EXPECT_TRUE(store.pods("").empty());
}

TEST(MetricsStoreTest, APodOnTwoNodesShowsTheNewestSample) {
    FakeClock clock;
    MetricsStore store(clock, 30s);
    store.replaceNode("old", scrapeWith("web", 1'000'000, clock.now() - 10s));
    store.replaceNode("new", scrapeWith("web", 5'000'000, clock.now()));
    auto pods = store.pods("default");
    ASSERT_EQ(pods.size(), 1u);
    EXPECT_EQ(pods[0].containers[0].cpuNanoCores, 5'000'000);
    EXPECT_EQ(store.pod("default", "web")->containers[0].cpuNanoCores, 5'000'000);
}

TEST(SummaryParserTest, ReadsKubeletShapeAndSkipsEntriesWithoutRates) {
    Json summary = {{"node",
                     {{"nodeName", "n1"},
                      {"cpu",
                       {{"time", "2026-11-28T10:00:00Z"},
                        {"usageNanoCores", 2000},
                        {"windowSeconds", 2.5},
                        {"usageCoreNanoSeconds", 9}}},
                      {"memory", {{"workingSetBytes", 4096}}}}},
                    {"pods",
                     {{{"podRef", {{"name", "p"}, {"namespace", "ns"}}},
                       {"containers",
                        {{{"name", "c1"},
                          {"cpu", {{"usageNanoCores", 7}, {"time", "2026-11-28T10:00:00Z"}}},
                          {"memory", {{"workingSetBytes", 11}}}},
                         {{"name", "c2"}, {"cpu", {{"usageCoreNanoSeconds", 1}}}}}}},
                      {{"podRef", {{"name", "q"}, {"namespace", "ns"}}},
                       {"containers", {{{"name", "c"}, {"cpu", Json::object()}}}}}}}};
    auto scrape = parseSummary(summary);
    ASSERT_TRUE(scrape) << scrape.status().message();
    ASSERT_TRUE(scrape->node);
    EXPECT_EQ(scrape->node->cpuNanoCores, 2000);
    EXPECT_EQ(scrape->node->memoryBytes, 4096);
    EXPECT_EQ(scrape->node->window, 2500ms);
    WallTime expected{};
    ASSERT_TRUE(parseRfc3339("2026-11-28T10:00:00Z", expected));
    EXPECT_EQ(scrape->node->timestamp, expected);
    ASSERT_EQ(scrape->pods.size(), 1u) << "q has no container with a rate";
    ASSERT_EQ(scrape->pods[0].containers.size(), 1u);
    EXPECT_EQ(scrape->pods[0].containers[0].name, "c1");
    EXPECT_EQ(scrape->pods[0].containers[0].memoryBytes, 11);
}

TEST(SummaryParserTest, RejectsOtherShapes) {
    EXPECT_FALSE(parseSummary(Json::array()));
    EXPECT_FALSE(parseSummary(Json{{"pods", Json::array()}}));
    EXPECT_FALSE(parseSummary(Json{{"node", Json::object()}, {"pods", 5}}));
    auto noRate = parseSummary(Json{{"node", {{"cpu", {{"usageNanoCores", "x"}}}}}});
    ASSERT_TRUE(noRate);
    EXPECT_FALSE(noRate->node) << "a non-numeric rate is no rate";
}

} // namespace
} // namespace cox::metrics
