// autoscaling/v1 <-> v2 HorizontalPodAutoscaler conversion (model/hpa_conversion.h): the CPU
// target and CPU status map to v1 fields, everything else rides in annotations and comes back.
#include "hpa_metrics.h"
#include "model/hpa_conversion.h"
#include "model/served_version.h"

#include <gtest/gtest.h>

using namespace cox::model;
using cox::testing::cpuMetric;
using cox::testing::memoryMetric;

namespace {

Json v2Hpa(Json metrics) {
    Json hpa = {
        {"apiVersion", "autoscaling/v2"},
        {"kind", "HorizontalPodAutoscaler"},
        {"metadata", {{"name", "web"}, {"namespace", "default"}}},
        {"spec",
         {{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}}},
          {"minReplicas", 1},
          {"maxReplicas", 5}}}};
    if (!metrics.is_null())
        hpa["spec"]["metrics"] = std::move(metrics);
    return hpa;
}

TEST(HpaConversion, CpuOnlyMapsToTheV1FieldsAndNoMetricsAnnotation) {
    Json v2 = v2Hpa(Json::array({cpuMetric(50)}));
    v2["status"] = {
        {"currentReplicas", 2},
        {"desiredReplicas", 3},
        {"currentMetrics",
         Json::array(
             {{{"type", "Resource"},
               {"resource", {{"name", "cpu"}, {"current", {{"averageUtilization", 70}}}}}}})}};
    Json v1 = hpaV2ToV1(v2);
    EXPECT_EQ(v1["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(v1["spec"]["targetCPUUtilizationPercentage"], 50);
    EXPECT_FALSE(v1["spec"].contains("metrics"));
    EXPECT_EQ(v1["spec"]["maxReplicas"], 5);
    EXPECT_EQ(v1["spec"]["scaleTargetRef"]["name"], "web");
    EXPECT_EQ(v1["status"]["currentCPUUtilizationPercentage"], 70);
    EXPECT_EQ(v1["status"]["desiredReplicas"], 3);
    EXPECT_FALSE(v1["status"].contains("currentMetrics"));
    // The current metrics still ride along (they may hold more than CPU in general).
    EXPECT_TRUE(v1["metadata"]["annotations"].contains(kHpaCurrentMetricsAnnotation));
    EXPECT_FALSE(v1["metadata"]["annotations"].contains(kHpaMetricsAnnotation));

    Json back = hpaV1ToV2(v1);
    EXPECT_EQ(back, v2);
}

TEST(HpaConversion, OtherMetricsBehaviorAndConditionsRoundTripThroughAnnotations) {
    Json v2 = v2Hpa(Json::array({memoryMetric(), cpuMetric(60)}));
    v2["metadata"]["annotations"] = {{"team", "web"}};
    v2["spec"]["behavior"] = {{"scaleDown", {{"stabilizationWindowSeconds", 300}}}};
    v2["status"] = {{"currentReplicas", 1},
                    {"desiredReplicas", 1},
                    {"conditions", Json::array({{{"type", "AbleToScale"},
                                                 {"status", "True"},
                                                 {"reason", "ReadyForNewScale"}}})}};
    Json v1 = hpaV2ToV1(v2);
    const Json &annotations = v1["metadata"]["annotations"];
    EXPECT_EQ(annotations["team"], "web");
    EXPECT_EQ(Json::parse(annotations[kHpaMetricsAnnotation].get<std::string>()),
              Json::array({memoryMetric()}));
    EXPECT_EQ(Json::parse(annotations[kHpaBehaviorAnnotation].get<std::string>()),
              v2["spec"]["behavior"]);
    EXPECT_EQ(Json::parse(annotations[kHpaConditionsAnnotation].get<std::string>()),
              v2["status"]["conditions"]);
    EXPECT_EQ(v1["spec"]["targetCPUUtilizationPercentage"], 60);

    Json back = hpaV1ToV2(v1);
    EXPECT_EQ(back["metadata"]["annotations"], Json({{"team", "web"}}));
    EXPECT_EQ(back["spec"]["metrics"], v2["spec"]["metrics"]);
    EXPECT_EQ(back["spec"]["behavior"], v2["spec"]["behavior"]);
    EXPECT_EQ(back["status"]["conditions"], v2["status"]["conditions"]);
    EXPECT_EQ(back, v2);
}

TEST(HpaConversion, AV1EditOfTheCpuTargetKeepsTheOtherMetrics) {
    Json v1 = hpaV2ToV1(v2Hpa(Json::array({memoryMetric(), cpuMetric(60)})));
    v1["spec"]["targetCPUUtilizationPercentage"] = 30;
    Json v2 = hpaV1ToV2(v1);
    EXPECT_EQ(v2["spec"]["metrics"], Json::array({memoryMetric(), cpuMetric(30)}));
    EXPECT_FALSE(v2["metadata"].contains("annotations"));
}

TEST(HpaConversion, V1WithoutACpuTargetHasNoMetricsSoDefaultingApplies) {
    Json v1 = {
        {"apiVersion", "autoscaling/v1"},
        {"kind", "HorizontalPodAutoscaler"},
        {"metadata", {{"name", "web"}}},
        {"spec",
         {{"scaleTargetRef", {{"kind", "Deployment"}, {"name", "web"}}}, {"maxReplicas", 3}}}};
    Json v2 = hpaV1ToV2(v1);
    EXPECT_EQ(v2["apiVersion"], "autoscaling/v2");
    EXPECT_FALSE(v2["spec"].contains("metrics"));
    EXPECT_FALSE(v2["spec"].contains("minReplicas"));
    // A v2 object without metrics reads back in v1 without a CPU target.
    EXPECT_FALSE(hpaV2ToV1(v2)["spec"].contains("targetCPUUtilizationPercentage"));
}

TEST(HpaConversion, StaleOrBrokenAnnotationsAreDroppedNotServed) {
    // A v2 writer's own copy of a round-trip annotation is replaced by the conversion's.
    Json v2 = v2Hpa(Json::array({cpuMetric(50)}));
    v2["metadata"]["annotations"] = {{kHpaMetricsAnnotation, "[{\"type\":\"Pods\"}]"}};
    Json v1 = hpaV2ToV1(v2);
    EXPECT_FALSE(v1["metadata"].contains("annotations"));
    // Text that is not the v2 structure is ignored on the way in.
    v1["metadata"]["annotations"] = {{kHpaMetricsAnnotation, "not json"},
                                     {kHpaBehaviorAnnotation, "[1]"}};
    Json back = hpaV1ToV2(v1);
    EXPECT_EQ(back["spec"]["metrics"], Json::array({cpuMetric(50)}));
    EXPECT_FALSE(back["spec"].contains("behavior"));
    EXPECT_FALSE(back["metadata"].contains("annotations"));
}

TEST(HpaConversion, StatusCpuFromV1WhenNoCurrentMetricsAnnotation) {
    Json v1 = {{"apiVersion", "autoscaling/v1"},
               {"kind", "HorizontalPodAutoscaler"},
               {"metadata", {{"name", "web"}}},
               {"status",
                {{"currentReplicas", 2},
                 {"desiredReplicas", 2},
                 {"currentCPUUtilizationPercentage", 40}}}};
    Json v2 = hpaV1ToV2(v1);
    EXPECT_EQ(v2["status"]["currentMetrics"][0]["resource"]["name"], "cpu");
    EXPECT_EQ(v2["status"]["currentMetrics"][0]["resource"]["current"]["averageUtilization"], 40);
}

TEST(ServedVersions, HpaV1IsServedOverTheStoredV2Type) {
    const ServedVersion *v = findServedVersion("autoscaling", "v1", "horizontalpodautoscalers");
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->stored, findResource("autoscaling", "v2", "horizontalpodautoscalers"));
    EXPECT_EQ(v->type.apiVersion(), "autoscaling/v1");
    EXPECT_EQ(v->type.kind, "HorizontalPodAutoscaler");
    EXPECT_TRUE(v->type.hasSubresource("status"));
    EXPECT_EQ(findServedVersion("autoscaling", "v3", "horizontalpodautoscalers"), nullptr);
    EXPECT_EQ(findServedVersion("autoscaling", "v2", "horizontalpodautoscalers"), nullptr);
}

} // namespace
