// autoscaling/v1 HorizontalPodAutoscalers over real HTTPS: a second served version of the stored
// autoscaling/v2 objects, converted on the way in and out (model/served_version.h).
#include "apiserver/protobuf/kubernetes_protobuf.h"
#include "hpa_metrics.h"
#include "http_fixture.h"

#include "model/hpa_conversion.h"

#include <optional>
#include <thread>

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::testing;
using cox::testing::cpuMetric;
using cox::testing::memoryMetric;
using model::Json;

namespace {

constexpr const char *kV1 = "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers";
constexpr const char *kV2 = "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers";

Json v1Hpa(const std::string &name, std::optional<int> cpu) {
    Json hpa = {
        {"apiVersion", "autoscaling/v1"},
        {"kind", "HorizontalPodAutoscaler"},
        {"metadata", {{"name", name}}},
        {"spec",
         {{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", name}}},
          {"minReplicas", 1},
          {"maxReplicas", 5}}}};
    if (cpu)
        hpa["spec"]["targetCPUUtilizationPercentage"] = *cpu;
    return hpa;
}

// A v2 HPA with a memory metric next to the CPU one: more than v1 can say.
Json v2HpaWithMemory(const std::string &name) {
    Json hpa = v1Hpa(name, std::nullopt);
    hpa["apiVersion"] = "autoscaling/v2";
    hpa["spec"]["metrics"] = Json::array({memoryMetric(), cpuMetric(60)});
    hpa["spec"]["behavior"] = {{"scaleDown", {{"stabilizationWindowSeconds", 120}}}};
    return hpa;
}

// Protobuf bytes built field by field: varint (wire type 0) and length-delimited (2) fields.
std::string pbKey(uint32_t field, int wire) {
    std::string out;
    for (uint64_t v = (uint64_t(field) << 3) | wire;; v >>= 7) {
        if (v < 0x80) {
            out += char(v);
            return out;
        }
        out += char((v & 0x7f) | 0x80);
    }
}
std::string pbVarint(uint32_t field, uint8_t value) {
    return pbKey(field, 0) + char(value); // values below 128 only
}
std::string pbBytes(uint32_t field, const std::string &bytes) {
    return pbKey(field, 2) + char(bytes.size()) + bytes; // short bodies only
}

// What `kubectl autoscale deployment web --min=1 --max=5 --cpu-percent=50` sends as protobuf.
std::string protobufV1Hpa() {
    std::string meta = pbBytes(1, "web");
    std::string ref = pbBytes(1, "Deployment") + pbBytes(2, "web") + pbBytes(3, "apps/v1");
    std::string spec = pbBytes(1, ref) + pbVarint(2, 1) + pbVarint(3, 5) + pbVarint(4, 50);
    std::string status = pbVarint(3, 0) + pbVarint(4, 0);
    std::string object = pbBytes(1, meta) + pbBytes(2, spec) + pbBytes(3, status);
    std::string typeMeta = pbBytes(1, "autoscaling/v1") + pbBytes(2, "HorizontalPodAutoscaler");
    return std::string("k8s\0", 4) + pbBytes(1, typeMeta) + pbBytes(2, object);
}

class HpaV1Test : public HttpFixture {
protected:
    std::string path(const char *base, const std::string &name = {}) {
        return name.empty() ? std::string(base) : std::string(base) + "/" + name;
    }
};

TEST_F(HpaV1Test, CreateInV1ReadInBothVersions) {
    auto c = client();
    auto created = call(c, "POST", kV1, v1Hpa("web", 50).dump());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(json(created)["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(json(created)["spec"]["targetCPUUtilizationPercentage"], 50);

    auto v2 = json(call(c, "GET", path(kV2, "web")));
    EXPECT_EQ(v2["apiVersion"], "autoscaling/v2");
    EXPECT_EQ(v2["spec"]["metrics"], Json::array({cpuMetric(50)}));
    EXPECT_FALSE(v2["spec"].contains("targetCPUUtilizationPercentage"));
    auto v1 = json(call(c, "GET", path(kV1, "web")));
    EXPECT_EQ(v1["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(v1["spec"]["targetCPUUtilizationPercentage"], 50);
    EXPECT_EQ(v1["metadata"]["resourceVersion"], v2["metadata"]["resourceVersion"]);
    EXPECT_FALSE(v1["metadata"].contains("annotations"));
}

TEST_F(HpaV1Test, CreateWithoutCpuTargetGetsTheDefault) {
    auto c = client();
    Json body = v1Hpa("idle", std::nullopt);
    body["spec"].erase("minReplicas");
    ASSERT_EQ(call(c, "POST", kV1, body.dump()).status, 201);
    auto v1 = json(call(c, "GET", path(kV1, "idle")));
    EXPECT_EQ(v1["spec"]["targetCPUUtilizationPercentage"], 80);
    EXPECT_EQ(v1["spec"]["minReplicas"], 1);
    EXPECT_EQ(json(call(c, "GET", path(kV2, "idle")))["spec"]["metrics"],
              Json::array({cpuMetric(80)}));
}

TEST_F(HpaV1Test, UpdateInV1KeepsV2OnlyMetricsAndBehavior) {
    auto c = client();
    ASSERT_EQ(call(c, "POST", kV2, v2HpaWithMemory("mem").dump()).status, 201);
    auto v1 = json(call(c, "GET", path(kV1, "mem")));
    EXPECT_EQ(v1["spec"]["targetCPUUtilizationPercentage"], 60);
    EXPECT_TRUE(v1["metadata"]["annotations"].contains(model::kHpaMetricsAnnotation));
    v1["spec"]["targetCPUUtilizationPercentage"] = 70;
    auto updated = call(c, "PUT", path(kV1, "mem"), v1.dump());
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(json(updated)["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(json(updated)["spec"]["targetCPUUtilizationPercentage"], 70);

    auto v2 = json(call(c, "GET", path(kV2, "mem")));
    EXPECT_EQ(v2["spec"]["metrics"], Json::array({memoryMetric(), cpuMetric(70)}));
    EXPECT_EQ(v2["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"], 120);
    EXPECT_FALSE(v2["metadata"].contains("annotations")) << v2["metadata"].dump();
}

TEST_F(HpaV1Test, PatchesApplyToTheV1Form) {
    auto c = client();
    ASSERT_EQ(call(c, "POST", kV2, v2HpaWithMemory("mem").dump()).status, 201);
    auto merged = call(c, "PATCH", path(kV1, "mem"),
                       R"({"spec":{"maxReplicas":9,"targetCPUUtilizationPercentage":40}})",
                       {{"Content-Type", "application/merge-patch+json"}});
    ASSERT_EQ(merged.status, 200) << merged.body;
    EXPECT_EQ(json(merged)["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(json(merged)["spec"]["maxReplicas"], 9);
    auto v2 = json(call(c, "GET", path(kV2, "mem")));
    EXPECT_EQ(v2["spec"]["metrics"], Json::array({memoryMetric(), cpuMetric(40)}));
    EXPECT_EQ(v2["spec"]["maxReplicas"], 9);

    auto strategic = call(c, "PATCH", path(kV1, "mem"), R"({"spec":{"minReplicas":2}})",
                          {{"Content-Type", "application/strategic-merge-patch+json"}});
    ASSERT_EQ(strategic.status, 200) << strategic.body;
    auto jsonPatch = call(c, "PATCH", path(kV1, "mem"),
                          R"([{"op":"test","path":"/spec/minReplicas","value":2},)"
                          R"({"op":"replace","path":"/spec/maxReplicas","value":7}])",
                          {{"Content-Type", "application/json-patch+json"}});
    ASSERT_EQ(jsonPatch.status, 200) << jsonPatch.body;
    v2 = json(call(c, "GET", path(kV2, "mem")));
    EXPECT_EQ(v2["spec"]["minReplicas"], 2);
    EXPECT_EQ(v2["spec"]["maxReplicas"], 7);
    EXPECT_EQ(v2["spec"]["metrics"].size(), 2u);

    auto missing = call(c, "PATCH", path(kV1, "nope"), R"({"spec":{"maxReplicas":3}})",
                        {{"Content-Type", "application/merge-patch+json"}});
    EXPECT_EQ(missing.status, 404);
}

TEST_F(HpaV1Test, StaleResourceVersionIsAConflict) {
    auto c = client();
    auto created = json(call(c, "POST", kV1, v1Hpa("web", 50).dump()));
    std::string oldVersion = created["metadata"]["resourceVersion"];
    auto bumped = call(c, "PATCH", path(kV2, "web"), R"({"spec":{"maxReplicas":6}})",
                       {{"Content-Type", "application/merge-patch+json"}});
    ASSERT_EQ(bumped.status, 200) << bumped.body;

    created["spec"]["maxReplicas"] = 8;
    auto put = call(c, "PUT", path(kV1, "web"), created.dump());
    EXPECT_EQ(put.status, 409) << put.body;
    EXPECT_EQ(json(put)["reason"], "Conflict");
    auto patched =
        call(c, "PATCH", path(kV1, "web"),
             R"({"metadata":{"resourceVersion":")" + oldVersion + R"("},"spec":{"maxReplicas":8}})",
             {{"Content-Type", "application/merge-patch+json"}});
    EXPECT_EQ(patched.status, 409) << patched.body;
    EXPECT_EQ(json(call(c, "GET", path(kV2, "web")))["spec"]["maxReplicas"], 6);
}

TEST_F(HpaV1Test, ListWatchAndTablesAnswerInV1) {
    auto c = client();
    ASSERT_EQ(call(c, "POST", kV2, v2HpaWithMemory("mem").dump()).status, 201);
    auto list = json(call(c, "GET", kV1));
    EXPECT_EQ(list["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(list["kind"], "HorizontalPodAutoscalerList");
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(list["items"][0]["spec"]["targetCPUUtilizationPercentage"], 60);
    EXPECT_EQ(json(call(c, "GET", "/apis/autoscaling/v1/horizontalpodautoscalers"))["items"].size(),
              1u);

    std::string rv = list["metadata"]["resourceVersion"];
    auto stream = c.stream("GET", std::string(kV1) +
                                      "?watch=true&allowWatchBookmarks=true&"
                                      "timeoutSeconds=10&resourceVersion=" +
                                      rv);
    ASSERT_TRUE(stream) << stream.status().message();
    auto other = client();
    ASSERT_EQ(call(other, "POST", kV1, v1Hpa("web", 50).dump()).status, 201);
    bool sawAdded = false, sawBookmark = false;
    for (int i = 0; i < 10 && !(sawAdded && sawBookmark); ++i) {
        auto line = (*stream)->nextLine(std::chrono::seconds(5));
        ASSERT_TRUE(line && *line);
        Json event = Json::parse(**line);
        EXPECT_EQ(event["object"]["apiVersion"], "autoscaling/v1") << event.dump();
        EXPECT_EQ(event["object"]["kind"], "HorizontalPodAutoscaler");
        if (event["type"] == "ADDED") {
            sawAdded = true;
            EXPECT_EQ(event["object"]["spec"]["targetCPUUtilizationPercentage"], 50);
        }
        sawBookmark = sawBookmark || event["type"] == "BOOKMARK";
    }
    EXPECT_TRUE(sawAdded);
    EXPECT_TRUE(sawBookmark);

    const std::string accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    auto table =
        json(call(c, "GET", path(kV1, "mem") + "?includeObject=Object", {}, {{"Accept", accept}}));
    EXPECT_EQ(table["kind"], "Table");
    ASSERT_EQ(table["rows"].size(), 1u);
    EXPECT_EQ(table["rows"][0]["cells"][0], "mem");
    EXPECT_EQ(table["rows"][0]["object"]["apiVersion"], "autoscaling/v1");
}

TEST_F(HpaV1Test, DeleteAndDeleteCollectionAnswerInV1) {
    auto c = client();
    ASSERT_EQ(call(c, "POST", kV1, v1Hpa("a", 50).dump()).status, 201);
    ASSERT_EQ(call(c, "POST", kV1, v1Hpa("b", 50).dump()).status, 201);
    auto removed = call(c, "DELETE", path(kV1, "a"));
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(json(removed)["apiVersion"], "autoscaling/v1");
    auto all = call(c, "DELETE", kV1);
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(json(all)["apiVersion"], "autoscaling/v1");
    ASSERT_EQ(json(all)["items"].size(), 1u);
    EXPECT_EQ(json(all)["items"][0]["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(json(call(c, "GET", kV2))["items"].size(), 0u);
}

TEST_F(HpaV1Test, WrongBodiesUnknownVersionsAndAuthorization) {
    auto c = client();
    Json v2Body = v1Hpa("web", 50);
    v2Body["apiVersion"] = "autoscaling/v2";
    auto mismatch = call(c, "POST", kV1, v2Body.dump());
    EXPECT_EQ(mismatch.status, 400) << mismatch.body;
    auto strict = call(c, "POST", std::string(kV1) + "?fieldValidation=Strict", [] {
        Json b = v1Hpa("web", 50);
        b["spec"]["metrics"] = Json::array();
        return b.dump();
    }());
    EXPECT_EQ(strict.status, 400) << strict.body;
    EXPECT_EQ(
        call(c, "GET", "/apis/autoscaling/v3/namespaces/default/horizontalpodautoscalers").status,
        404);
    EXPECT_EQ(call(c, "POST", "/apis/autoscaling/v3/namespaces/default/horizontalpodautoscalers",
                   v1Hpa("web", 50).dump())
                  .status,
              404);

    auto viewer = client("viewer-token");
    EXPECT_EQ(call(viewer, "POST", kV1, v1Hpa("web", 50).dump()).status, 403);
    EXPECT_EQ(call(viewer, "GET", kV1).status, 200);
}

TEST_F(HpaV1Test, DiscoveryListsBothVersionsWithV2Preferred) {
    auto c = client();
    auto apis = json(call(c, "GET", "/apis"));
    Json autoscaling;
    for (const auto &g : apis["groups"])
        if (g["name"] == "autoscaling")
            autoscaling = g;
    ASSERT_FALSE(autoscaling.is_null());
    EXPECT_EQ(autoscaling["preferredVersion"]["groupVersion"], "autoscaling/v2");
    ASSERT_EQ(autoscaling["versions"].size(), 2u);
    EXPECT_EQ(autoscaling["versions"][0]["version"], "v2");
    EXPECT_EQ(autoscaling["versions"][1]["version"], "v1");
    EXPECT_EQ(json(call(c, "GET", "/apis/autoscaling"))["preferredVersion"]["version"], "v2");

    for (const char *version : {"v1", "v2"}) {
        auto list = json(call(c, "GET", std::string("/apis/autoscaling/") + version));
        EXPECT_EQ(list["groupVersion"], std::string("autoscaling/") + version);
        bool hpa = false, status = false;
        for (const auto &r : list["resources"]) {
            hpa = hpa || (r["name"] == "horizontalpodautoscalers" &&
                          r["kind"] == "HorizontalPodAutoscaler" && r["namespaced"] == true);
            status = status || r["name"] == "horizontalpodautoscalers/status";
        }
        EXPECT_TRUE(hpa) << version;
        EXPECT_TRUE(status) << version;
    }
    EXPECT_EQ(call(c, "GET", "/apis/autoscaling/v3").status, 404);

    // kubectl validates a manifest against the OpenAPI document of its group version.
    auto index = json(call(c, "GET", "/openapi/v3"));
    ASSERT_TRUE(index["paths"].contains("apis/autoscaling/v1")) << index.dump();
    std::string url = index["paths"]["apis/autoscaling/v1"]["serverRelativeURL"];
    auto doc = json(call(c, "GET", url));
    const Json &schemas = doc["components"]["schemas"];
    ASSERT_TRUE(schemas.contains("io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler"));
    EXPECT_EQ(schemas["io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler"]
                     ["x-kubernetes-group-version-kind"][0]["version"],
              "v1");
    EXPECT_TRUE(doc["paths"].contains(
        "/apis/autoscaling/v1/namespaces/{namespace}/horizontalpodautoscalers/{name}"));
}

TEST_F(HpaV1Test, StatusSubresourceInV1) {
    auto c = client();
    ASSERT_EQ(call(c, "POST", kV1, v1Hpa("web", 50).dump()).status, 201);
    auto patched = call(c, "PATCH", path(kV1, "web") + "/status",
                        R"({"status":{"currentReplicas":2,"desiredReplicas":3,)"
                        R"("currentCPUUtilizationPercentage":90}})",
                        {{"Content-Type", "application/merge-patch+json"}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    auto v2 = json(call(c, "GET", path(kV2, "web")));
    EXPECT_EQ(v2["status"]["desiredReplicas"], 3);
    EXPECT_EQ(v2["status"]["currentMetrics"][0]["resource"]["current"]["averageUtilization"], 90);
    auto status = json(call(c, "GET", path(kV1, "web") + "/status"));
    EXPECT_EQ(status["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(status["status"]["currentCPUUtilizationPercentage"], 90);
}

TEST_F(HpaV1Test, CreatesFromAProtobufBody) {
    auto c = client();
    auto r = call(c, "POST", std::string(kV1) + "?fieldValidation=Strict", protobufV1Hpa(),
                  {{"Content-Type", protobuf::kProtobufMediaType}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(json(r)["apiVersion"], "autoscaling/v1");
    auto v2 = json(call(c, "GET", path(kV2, "web")));
    EXPECT_EQ(v2["spec"]["metrics"], Json::array({cpuMetric(50)}));
    EXPECT_EQ(v2["spec"]["scaleTargetRef"]["kind"], "Deployment");
    EXPECT_EQ(v2["spec"]["maxReplicas"], 5);
}

TEST_F(HpaV1Test, ConcurrentV1PatchesOfDifferentFieldsLoseNothing) {
    auto c = client();
    ASSERT_EQ(call(c, "POST", kV1, v1Hpa("web", 50).dump()).status, 201);
    // Each patch reads, converts and writes with the read resourceVersion as precondition; a
    // write in between makes it re-apply to the fresh object instead of overwriting it.
    constexpr int kPatches = 15;
    auto patcher = [&](const std::string &field, std::vector<int> &codes) {
        auto own = client();
        for (int i = 0; i < kPatches; ++i) {
            Json patch = {{"metadata", {{"labels", {{field, std::to_string(i)}}}}}};
            codes.push_back(call(own, "PATCH", path(kV1, "web"), patch.dump(),
                                 {{"Content-Type", "application/merge-patch+json"}})
                                .status);
        }
    };
    std::vector<int> codesA, codesB;
    std::thread a(patcher, "a", std::ref(codesA));
    std::thread b(patcher, "b", std::ref(codesB));
    a.join();
    b.join();
    for (int code : codesA)
        EXPECT_EQ(code, 200);
    for (int code : codesB)
        EXPECT_EQ(code, 200);
    auto v2 = json(call(c, "GET", path(kV2, "web")));
    EXPECT_EQ(v2["metadata"]["labels"]["a"], std::to_string(kPatches - 1));
    EXPECT_EQ(v2["metadata"]["labels"]["b"], std::to_string(kPatches - 1));
    EXPECT_EQ(v2["spec"]["metrics"], Json::array({cpuMetric(50)}));
}

} // namespace
