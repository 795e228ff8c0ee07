// SqliteStore: the durable backend. Reads are served by CoreStore from memory; writes go through
// group commit: writers queue their operation and wait, one committer thread takes everything
// queued, validates it against memory (plus the batch's own earlier writes), writes the batch in
// one transaction with one fsync, publishes it, then wakes the writers. A write is acknowledged
// only after its transaction committed. If a commit fails the store stops accepting writes: the
// outcome on disk is unknown, and only a reopen (which reads the file) can tell the truth.
// Throughput bound: a batch holds at most one write per waiting writer, so N writers with one
// write in flight each reach at most N / (commit time). On the development VM a one-page commit
// takes ~7-9 ms (the same as a raw 4 KiB O_DSYNC write there), which caps 64 writers near 7k/s;
// more throughput needs more concurrent writers or a faster fsync, not a different batching.
#pragma once

#include "store/core_store.h"
#include "store/state_file.h"

#include <array>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace cox::metrics {
class Histogram;
}

namespace cox::store {

class SqliteStore final : public CoreStore {
public:
    // `path` is an absolute file path; see StateFile::open for the checks made.
    static Result<std::unique_ptr<Store>> open(const std::string &path,
                                               const StoreOptions &options = {});
    ~SqliteStore() override;

protected:
    Result<Event> submit(Operation op) override;

private:
    // A queued write, on its writer's stack. Each has its own condition variable so a finished
    // batch wakes only its own writers, not every writer queued behind it.
    struct Pending {
        Operation op;
        std::optional<Result<Event>> result;
        std::condition_variable done;
    };

    SqliteStore(std::unique_ptr<StateFile> file, KeySpace keys, const StoreOptions &options);
    static constexpr std::chrono::milliseconds kMaxLinger{2};

    void commitLoop();
    void lingerForWriters(std::unique_lock<std::mutex> &lock);
    void commitBatch(std::vector<Pending *> &batch);
    std::vector<Result<Event>> validate(const std::vector<Pending *> &batch,
                                        std::vector<Event> *accepted);

    std::unique_ptr<StateFile> m_file;
    metrics::Histogram &m_commitSeconds;
    metrics::Histogram &m_batchSize;

    std::mutex m_queueMutex;
    std::condition_variable m_queueCv; // wakes the committer
    std::vector<Pending *> m_queue;
    bool m_stopping = false;
    Status m_failed;         // set after a failed commit; every later write gets it
    size_t m_lastActive = 1; // estimated concurrent writers, see lingerForWriters()
    std::array<size_t, 8> m_recentActive{};
    size_t m_commits = 0;
    std::chrono::steady_clock::duration m_lastCommit{}; // committer thread only
    std::thread m_committer;
};

} // namespace cox::store
