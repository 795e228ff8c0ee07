#include "store/sqlite_store.h"

#include "common/log.h"
#include "common/metrics.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace cox::store {
namespace {

std::vector<double> batchBuckets() {
    return {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};
}

} // namespace

Result<std::unique_ptr<Store>> SqliteStore::open(const std::string &path,
                                                 const StoreOptions &options) {
    auto file = StateFile::open(path);
    if (!file)
        return file.status();
    auto keys = (*file)->load();
    if (!keys)
        return keys.status();
    COX_LOG(Info, "store") << "opened " << path << " at revision " << keys->revision() << " with "
                           << keys->size() << " keys";
    return std::unique_ptr<Store>(
        new SqliteStore(std::move(file).value(), std::move(keys).value(), options));
}

SqliteStore::SqliteStore(std::unique_ptr<StateFile> file, KeySpace keys,
                         const StoreOptions &options)
    : CoreStore(std::move(keys), options)
    , m_file(std::move(file))
    , m_commitSeconds(metrics::Registry::global().histogram(
          "coxswain_store_commit_duration_seconds",
          "Time to write and fsync one group-commit transaction."))
    , m_batchSize(metrics::Registry::global().histogram("coxswain_store_commit_batch_size",
                                                        "Writes per group-commit transaction.", {},
                                                        batchBuckets()))
    , m_committer([this] { commitLoop(); }) {}

SqliteStore::~SqliteStore() {
    {
        std::lock_guard lock(m_queueMutex);
        m_stopping = true;
    }
    m_queueCv.notify_all();
    m_committer.join();
    shutdownWatches();
}

Result<Event> SqliteStore::submit(Operation op) {
    Pending pending{std::move(op), std::nullopt, {}};
    std::unique_lock lock(m_queueMutex);
    if (!m_failed.isOk())
        return m_failed;
    if (m_stopping)
        return Status(StatusCode::Unavailable, "store is closing");
    m_queue.push_back(&pending);
    m_queueCv.notify_one();
    pending.done.wait(lock, [&] { return pending.result.has_value(); });
    return std::move(*pending.result);
}

// Drains the queue even while stopping, so every queued writer gets an answer.
void SqliteStore::commitLoop() {
    std::unique_lock lock(m_queueMutex);
    for (;;) {
        m_queueCv.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return;
        lingerForWriters(lock);
        std::vector<Pending *> batch;
        batch.swap(m_queue);
        if (!m_failed.isOk()) {
            // Queued before the failure became known: refused like any later write.
            for (Pending *pending : batch) {
                pending->result.emplace(m_failed);
                pending->done.notify_one();
            }
            continue;
        }
        lock.unlock();
        commitBatch(batch);
        lock.lock();
    }
}

// Writers acknowledged by the last commit need a moment (a wake-up, a new request) to queue
// their next write; without waiting for them the committer starts an fsync with a few writers
// and the rest wait a whole fsync for the next one, so batches settle far below the number of
// writers. Waiting until as many writers as were active last time are queued, bounded by half the
// last commit's duration (and 2 ms), lets a batch reach the real concurrency; a lone writer
// (m_lastActive == 1) never waits.
void SqliteStore::lingerForWriters(std::unique_lock<std::mutex> &lock) {
    if (m_queue.size() >= m_lastActive)
        return;
    auto linger = std::min(m_lastCommit / 2, std::chrono::steady_clock::duration(kMaxLinger));
    m_queueCv.wait_for(lock, linger, [&] { return m_stopping || m_queue.size() >= m_lastActive; });
}

// Validates in queue order against memory overlaid with the batch's own accepted writes, so a
// create followed by an update of the same key in one batch behaves as if they ran one by one.
std::vector<Result<Event>> SqliteStore::validate(const std::vector<Pending *> &batch,
                                                 std::vector<Event> *accepted) {
    std::map<std::string, std::optional<KeyValue>, std::less<>> overlay;
    int64_t revision = currentRevision();
    std::vector<Result<Event>> results;
    results.reserve(batch.size());
    for (Pending *pending : batch) {
        const std::string &key = pending->op.key;
        auto it = overlay.find(key);
        const KeyValue *now = it == overlay.end() ? current(key)
                              : it->second        ? &*it->second
                                                  : nullptr;
        Result<Event> event = applyOperation(pending->op, now, revision + 1);
        if (event) {
            ++revision;
            accepted->push_back(event.value());
            overlay.insert_or_assign(key, event->type == EventType::Delete
                                              ? std::nullopt
                                              : std::optional<KeyValue>(event->kv));
        }
        results.push_back(std::move(event));
    }
    return results;
}

void SqliteStore::commitBatch(std::vector<Pending *> &batch) {
    std::vector<Event> accepted;
    std::vector<Result<Event>> results = validate(batch, &accepted);
    auto started = std::chrono::steady_clock::now();
    Status committed = m_file->commit(accepted);
    if (!accepted.empty()) {
        auto took = std::chrono::steady_clock::now() - started;
        m_lastCommit = took;
        m_commitSeconds.observe(std::chrono::duration<double>(took).count());
        m_batchSize.observe(static_cast<double>(accepted.size()));
    }
    if (committed) {
        publish(accepted);
    } else {
        COX_LOG(Error, "store") << committed.message() << "; refusing further writes";
    }
    std::lock_guard lock(m_queueMutex);
    if (!committed)
        m_failed = Status(StatusCode::Unavailable,
                          committed.message() + " (writes refused until the store is reopened)");
    // The concurrency estimate is the largest of the last few commits: one commit sees only the
    // writers that happened to be queued, and a single low sample must not shrink the next batch.
    m_recentActive[m_commits++ % m_recentActive.size()] = batch.size() + m_queue.size();
    m_lastActive = *std::max_element(m_recentActive.begin(), m_recentActive.end());
    for (size_t i = 0; i < batch.size(); ++i) {
        bool lost = !committed && results[i].isOk();
        batch[i]->result.emplace(lost ? Result<Event>(m_failed) : std::move(results[i]));
        batch[i]->done.notify_one();
    }
}

} // namespace cox::store
