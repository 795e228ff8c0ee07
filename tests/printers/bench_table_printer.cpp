// Table printing speed: what one `kubectl get pods` of N pods costs the server (rows built and
// the Table serialised).
#include "printers/table_printer.h"

#include <benchmark/benchmark.h>

namespace {

using cox::model::Json;

Json pod(int i) {
    return {{"metadata",
             {{"name", "web-" + std::to_string(i)},
              {"namespace", "default"},
              {"uid", "uid-" + std::to_string(i)},
              {"resourceVersion", std::to_string(1000 + i)},
              {"creationTimestamp", "2023-11-14T20:00:00Z"},
              {"labels", {{"app", "web"}}}}},
            {"spec", {{"nodeName", "node-1"}, {"containers", Json::array({{{"name", "a"}}})}}},
            {"status",
             {{"phase", "Running"},
              {"podIP", "10.42.0." + std::to_string(i % 250)},
              {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})},
              {"containerStatuses",
               Json::array({{{"name", "a"},
                             {"ready", true},
                             {"restartCount", 1},
                             {"state", {{"running", {{"startedAt", "2023-11-14T20:00:05Z"}}}}},
                             {"lastState",
                              {{"terminated",
                                {{"exitCode", 1}, {"finishedAt", "2023-11-14T20:00:04Z"}}}}}}})}}}};
}

void BM_PodTable(benchmark::State &state) {
    cox::model::ResourceType type;
    type.version = "v1";
    type.plural = "pods";
    std::vector<Json> pods;
    for (int i = 0; i < state.range(0); ++i)
        pods.push_back(pod(i));
    std::vector<const Json *> ptrs;
    for (const auto &p : pods)
        ptrs.push_back(&p);
    cox::printers::TableOptions opts{cox::WallTime(std::chrono::seconds(1'700'000'000))};
    for (auto _ : state) {
        std::string body = cox::printers::toTable(type, ptrs, opts).dump();
        benchmark::DoNotOptimize(body);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PodTable)->Arg(100)->Arg(1000);

} // namespace

BENCHMARK_MAIN();
