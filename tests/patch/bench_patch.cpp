// Patch application speed on a Deployment with the served schema: the strategic merge patch
// kubectl apply sends, a merge patch (kubectl scale) and a JSON patch.
#include "model/patch.h"
#include "model/resource_type.h"

#include <benchmark/benchmark.h>

namespace {

using cox::model::Json;

Json deployment(int containers) {
    Json cs = Json::array();
    for (int i = 0; i < containers; ++i) {
        Json env = Json::array();
        for (int e = 0; e < 20; ++e)
            env.push_back({{"name", "VAR_" + std::to_string(e)}, {"value", std::to_string(e)}});
        cs.push_back({{"name", "c" + std::to_string(i)},
                      {"image", "nginx:1.25"},
                      {"ports", Json::array({{{"containerPort", 8000 + i}, {"protocol", "TCP"}}})},
                      {"env", std::move(env)}});
    }
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", "web"}, {"labels", {{"app", "web"}}}}},
            {"spec",
             {{"replicas", 2},
              {"selector", {{"matchLabels", {{"app", "web"}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", "web"}}}}},
                {"spec", {{"containers", std::move(cs)}}}}}}}};
}

void BM_StrategicMergePatch(benchmark::State &state) {
    const auto *type = cox::model::findResource("apps", "v1", "deployments");
    Json live = deployment(static_cast<int>(state.range(0)));
    Json order = Json::array();
    for (const auto &c : live["spec"]["template"]["spec"]["containers"])
        order.push_back({{"name", c["name"]}});
    Json patch = {
        {"spec",
         {{"replicas", 3},
          {"template",
           {{"spec",
             {{"$setElementOrder/containers", order},
              {"containers",
               Json::array(
                   {{{"name", "c0"},
                     {"image", "nginx:1.27"},
                     {"env", Json::array({{{"name", "VAR_3"}, {"$patch", "delete"}}})}}})}}}}}}}};
    for (auto _ : state) {
        auto out = cox::model::applyStrategicMergePatch(live, patch, type->schema);
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_StrategicMergePatch)->Arg(1)->Arg(10);

void BM_MergePatch(benchmark::State &state) {
    Json live = deployment(static_cast<int>(state.range(0)));
    Json patch = {{"spec", {{"replicas", 5}}}};
    for (auto _ : state) {
        auto out = cox::model::applyMergePatch(live, patch);
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_MergePatch)->Arg(1)->Arg(10);

void BM_JsonPatch(benchmark::State &state) {
    Json live = deployment(static_cast<int>(state.range(0)));
    Json patch = Json::parse(R"([{"op":"test","path":"/spec/replicas","value":2},
        {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}])");
    for (auto _ : state) {
        auto out = cox::model::applyJsonPatch(live, patch);
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_JsonPatch)->Arg(1)->Arg(10);

} // namespace

BENCHMARK_MAIN();
