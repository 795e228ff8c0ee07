// Test helpers shared by the store suites: a backend factory per store type and a bounded event
// collector for watches.
#pragma once

#include "store/sqlite_db.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace cox::store {

inline constexpr int kWatchQueueEvents = 64;

inline StoreOptions testOptions() {
    StoreOptions options;
    options.historyEvents = 1000;
    options.watchQueueEvents = kWatchQueueEvents;
    return options;
}

// Reads up to `count` events, giving up after a bounded number of empty waits.
inline std::vector<Event> collect(Watch &watch, size_t count) {
    std::vector<Event> out;
    for (int idle = 0; out.size() < count && idle < 50;) {
        auto batch = watch.next(std::chrono::milliseconds(100));
        if (!batch) {
            ADD_FAILURE() << "watch ended: " << batch.status().message();
            break;
        }
        if (batch->empty())
            ++idle;
        out.insert(out.end(), batch->begin(), batch->end());
    }
    return out;
}

// A fresh directory under /var/tmp (a real disk), removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// A plain connection to a state file, for tests that tamper with it behind the store's back.
class SqliteHandle {
public:
    explicit SqliteHandle(const std::filesystem::path &path);
    void exec(const std::string &sql);
    int64_t count(const std::string &sql);

private:
    SqliteDb m_db;
};

struct MemoryBackend {
    std::unique_ptr<Store> open();
};

struct SqliteBackend {
    std::unique_ptr<Store> open();
    TempDir dir;
};

} // namespace cox::store
