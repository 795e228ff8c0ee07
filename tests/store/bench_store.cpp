// bench_store: durable sqlite writes per second with 1 and with 64 concurrent writers (distinct
// keys, 1 KiB values), on a real disk under /var/tmp. Group commit is what should make the
// 64-writer figure a large multiple of the single-writer one (one fsync per batch, not per write).
// Also measures in-memory reads (get) against the same store for reference.
#include "common/metrics.h"
#include "store/store.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

cox::store::Store *g_store = nullptr;
std::atomic<int64_t> g_sequence{0};
const std::string g_value(1024, 'v');

cox::metrics::Histogram &batchHistogram() {
    return cox::metrics::Registry::global().histogram("coxswain_store_commit_batch_size", "");
}

cox::metrics::Histogram &commitHistogram() {
    return cox::metrics::Registry::global().histogram("coxswain_store_commit_duration_seconds", "");
}

void BM_SqliteCreate(benchmark::State &state) {
    const double commits0 = static_cast<double>(batchHistogram().count());
    const double writes0 = batchHistogram().sum(), seconds0 = commitHistogram().sum();
    for (auto _ : state) {
        std::string key = "/bench/" + std::to_string(g_sequence.fetch_add(1));
        auto kv = g_store->create(key, g_value);
        if (!kv) {
            state.SkipWithError(kv.status().message().c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(g_value.size()));
    // All threads have passed the stop barrier here, so thread 0 sees this run's whole delta.
    if (state.thread_index() == 0) {
        double commits = static_cast<double>(batchHistogram().count()) - commits0;
        if (commits > 0) {
            state.counters["batch"] = (batchHistogram().sum() - writes0) / commits;
            state.counters["commit_ms"] = 1000.0 * (commitHistogram().sum() - seconds0) / commits;
        }
    }
}
BENCHMARK(BM_SqliteCreate)->Threads(1)->Threads(64)->Threads(256)->UseRealTime()->MinTime(2.0);

void BM_Get(benchmark::State &state) {
    int64_t written = std::max<int64_t>(g_sequence.load(), 1);
    int64_t i = state.thread_index();
    for (auto _ : state) {
        auto kv = g_store->get("/bench/" + std::to_string(i++ % written));
        benchmark::DoNotOptimize(kv);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Get)->Threads(1)->Threads(2)->UseRealTime();

} // namespace

int main(int argc, char **argv) {
    std::string dir = "/var/tmp/cox-bench-store-XXXXXX";
    if (!mkdtemp(dir.data()))
        return 1;
    int rc = 0;
    {
        auto store = cox::store::openStore("sqlite://" + dir + "/state.db");
        if (!store) {
            std::fprintf(stderr, "%s\n", store.status().message().c_str());
            return 1;
        }
        g_store = store->get();
        benchmark::Initialize(&argc, argv);
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
        g_store = nullptr;
    }
    std::filesystem::remove_all(dir);
    return rc;
}
