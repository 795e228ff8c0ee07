// HorizontalPodAutoscalerController: the replica math with tolerance (table), and the
// controller scaling a Deployment through the scale subresource with min/max and the
// scale-down stabilization window on a FakeClock.
#include "controllers/hpa_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

using std::chrono::seconds;

struct MathCase {
    const char *name;
    int current;
    int64_t usage, request;
    int pods, target;
    std::optional<int> expected;
};

class HpaMath : public ::testing::TestWithParam<MathCase> {};

TEST_P(HpaMath, Recommends) {
    const auto &c = GetParam();
    auto r = recommendReplicas(c.current, c.usage, c.request, c.pods, c.target, 0.1);
    ASSERT_EQ(r.has_value(), c.expected.has_value());
    if (r) {
        EXPECT_EQ(r->replicas, *c.expected);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, HpaMath,
    ::testing::Values(MathCase{"DoubleLoadDoubles", 2, 200, 200, 2, 50, 4},
                      MathCase{"WithinToleranceKeeps", 4, 420, 800, 4, 50, 4},      // 52.5%
                      MathCase{"JustOutsideToleranceMoves", 4, 448, 800, 4, 50, 5}, // 56%
                      MathCase{"LowLoadShrinks", 4, 80, 400, 4, 50, 2},             // 20% -> 1.6
                      MathCase{"RoundsUp", 3, 360, 300, 3, 100, 4}, // 120% of 3 = 3.6
                      MathCase{"NoRequestsNoAnswer", 3, 100, 0, 3, 50, std::nullopt},
                      MathCase{"NoPodsNoAnswer", 3, 0, 0, 0, 50, std::nullopt}),
    [](const auto &info) { return std::string(info.param.name); });

class FakeMetrics : public PodMetricsSource {
public:
    std::optional<int64_t> cpuUsageMillicores(const std::string &,
                                              const std::string &pod) override {
        auto it = usage.find(pod);
        if (it == usage.end())
            return std::nullopt;
        return it->second;
    }
    std::map<std::string, int64_t> usage;
};

struct HpaFixture : ::testing::Test {
    Harness h;
    FakeMetrics metrics;
    HorizontalPodAutoscalerController &hpa = h.add<HorizontalPodAutoscalerController>(
        *h.api, *h.informers, *h.events, &metrics, HpaOptions{});

    void SetUp() override {
        h.create("apps", "deployments", makeDeployment("web", 2, {{"app", "web"}}));
        for (const char *name : {"a", "b"}) {
            Json pod = makePod(name, {{"app", "web"}});
            pod["spec"]["containers"][0]["resources"] = {{"requests", {{"cpu", "100m"}}}};
            h.create("", "pods", pod);
            metrics.usage[name] = 100;
        }
        h.create("autoscaling", "horizontalpodautoscalers",
                 Json{{"apiVersion", "autoscaling/v2"},
                      {"kind", "HorizontalPodAutoscaler"},
                      {"metadata", {{"name", "web"}, {"namespace", "default"}}},
                      {"spec",
                       {{"scaleTargetRef",
                         {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}}},
                        {"minReplicas", 1},
                        {"maxReplicas", 5},
                        {"metrics", Json::array({{{"type", "Resource"},
                                                  {"resource",
                                                   {{"name", "cpu"},
                                                    {"target",
                                                     {{"type", "Utilization"},
                                                      {"averageUtilization", 50}}}}}}})}}}});
    }
    int replicas() { return h.get("apps", "deployments", "default", "web")["spec"]["replicas"]; }
    Json status() {
        return h.get("autoscaling", "horizontalpodautoscalers", "default", "web")["status"];
    }
};

TEST_F(HpaFixture, ScalesUpAtOnceAndDownAfterTheStabilizationWindow) {
    h.runUntilIdle();
    EXPECT_EQ(replicas(), 4) << "100% of requests against a 50% target doubles 2 replicas";
    Json s = status();
    EXPECT_EQ(s["desiredReplicas"], 4);
    EXPECT_EQ(s["currentMetrics"][0]["resource"]["current"]["averageUtilization"], 100);
    EXPECT_FALSE(s.value("lastScaleTime", "").empty());
    metrics.usage = {{"a", 10}, {"b", 10}};
    for (int i = 0; i < 10; ++i)
        h.advance(seconds(15));
    EXPECT_EQ(replicas(), 4) << "inside the 300 s scale-down window";
    for (int i = 0; i < 11; ++i)
        h.advance(seconds(15));
    EXPECT_EQ(replicas(), 1);
}

TEST_F(HpaFixture, ClampsToMaxReplicas) {
    metrics.usage = {{"a", 500}, {"b", 500}};
    h.runUntilIdle();
    EXPECT_EQ(replicas(), 5);
    bool limited = false;
    Json current = status();
    for (const auto &c : current["conditions"])
        limited = limited || (c["type"] == "ScalingLimited" && c["status"] == "True");
    EXPECT_TRUE(limited);
}

TEST_F(HpaFixture, NoMetricsNoScaling) {
    metrics.usage.clear();
    h.runUntilIdle();
    EXPECT_EQ(replicas(), 2);
    bool failed = false;
    Json current = status();
    for (const auto &c : current["conditions"])
        failed = failed || (c["type"] == "ScalingActive" && c["status"] == "False");
    EXPECT_TRUE(failed);
}

} // namespace
} // namespace cox::controllers::testing
