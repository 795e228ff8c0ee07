// SQLite-specific guarantees: durability across reopen and kill -9, refusal of corrupt, foreign,
// newer or in-use databases, and clear errors for bad URIs.
#include "store_fixture.h"

#include "common/metrics.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cox::store {
namespace {

std::string uriFor(const std::filesystem::path &path) {
    return "sqlite://" + path.string();
}

Status openError(const std::string &uri) {
    auto store = openStore(uri);
    return store ? Status::ok() : store.status();
}

void fillAndClose(const std::filesystem::path &db, int keys) {
    auto store = openStore(uriFor(db));
    ASSERT_TRUE(store) << store.status().message();
    for (int i = 0; i < keys; ++i)
        ASSERT_TRUE((*store)->create("/fill/" + std::to_string(i), std::string(300, 'f')));
}

TEST(SqliteStore, ReopenFindsEverythingAndContinuesRevisions) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    int64_t last = 0;
    {
        auto store = openStore(uriFor(db));
        ASSERT_TRUE(store) << store.status().message();
        auto a = (*store)->create("/r/a", "A");
        ASSERT_TRUE((*store)->create("/r/b", "B"));
        ASSERT_TRUE((*store)->update("/r/a", "A2", a->modRevision));
        ASSERT_TRUE((*store)->create("/r/gone", "G"));
        ASSERT_TRUE((*store)->remove("/r/gone"));
        last = (*store)->revision();
    }
    auto store = openStore(uriFor(db));
    ASSERT_TRUE(store) << store.status().message();
    Store &s = **store;
    EXPECT_EQ(s.revision(), last);
    auto items = s.list("/r/");
    ASSERT_EQ(items->items.size(), 2u);
    EXPECT_EQ(*items->items[0].value, "A2");
    EXPECT_EQ(items->items[0].createRevision, last - 4);
    EXPECT_EQ(s.get("/r/gone").status().code(), StatusCode::NotFound);
    auto next = s.create("/r/c", "C");
    ASSERT_TRUE(next);
    EXPECT_EQ(next->modRevision, last + 1);
    // History does not survive a restart: a watch from before the reopen must re-list.
    EXPECT_EQ(s.compactedRevision(), last);
    EXPECT_EQ(s.watch("/r/", last - 1).status().code(), StatusCode::Gone);
}

TEST(SqliteStore, KillNineKeepsEveryAcknowledgedWrite) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(COX_STORE_CRASH_WRITER, COX_STORE_CRASH_WRITER, db.c_str(), "1000000", nullptr);
        _exit(127);
    }
    close(fds[1]);
    FILE *out = fdopen(fds[0], "r");
    ASSERT_NE(out, nullptr);
    std::map<std::string, int64_t> acked;
    char key[256];
    long long rev = 0;
    while (acked.size() < 300 && std::fscanf(out, "%lld %255s", &rev, key) == 2)
        acked[key] = rev;
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // Acks printed after our last read but before the kill also count: read them all.
    while (std::fscanf(out, "%lld %255s", &rev, key) == 2)
        acked[key] = rev;
    std::fclose(out);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited before it was killed";
    ASSERT_GE(acked.size(), 300u);

    auto store = openStore(uriFor(db));
    ASSERT_TRUE(store) << store.status().message();
    int64_t maxAcked = 0;
    for (const auto &[k, r] : acked) {
        auto kv = (*store)->get(k);
        ASSERT_TRUE(kv) << k << " acknowledged at " << r << " but lost";
        EXPECT_EQ(kv->modRevision, r);
        maxAcked = std::max(maxAcked, r);
    }
    EXPECT_GE((*store)->revision(), maxAcked);
    auto next = (*store)->create("/after-crash", "x");
    ASSERT_TRUE(next);
    EXPECT_GT(next->modRevision, maxAcked);
}

// The disk fills up mid-run (RLIMIT_FSIZE in the helper): the failed batch is not acknowledged,
// the store refuses every later write instead of guessing what reached the disk, and a reopen
// finds every acknowledged write and a sound file.
TEST(SqliteStore, FullDiskStopsWritesAndKeepsAcknowledgedOnes) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    std::string cmd = std::string(COX_STORE_CRASH_WRITER) + " " + db.string() + " 100000 300000";
    FILE *out = popen(cmd.c_str(), "r");
    ASSERT_NE(out, nullptr);
    std::map<std::string, int64_t> acked;
    std::vector<std::string> errors;
    char first[256], second[256];
    while (std::fscanf(out, "%255s %255s", first, second) == 2) {
        if (std::string(first) == "ERR")
            errors.push_back(second);
        else
            acked[second] = std::stoll(first);
    }
    int status = pclose(out);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 3) << "the writer never hit the file size cap";
    ASSERT_GE(errors.size(), 2u);
    for (const std::string &reason : errors)
        EXPECT_EQ(reason, "ServiceUnavailable");
    ASSERT_FALSE(acked.empty());

    auto store = openStore(uriFor(db));
    ASSERT_TRUE(store) << store.status().message();
    int64_t maxAcked = 0;
    for (const auto &[key, rev] : acked) {
        auto kv = (*store)->get(key);
        ASSERT_TRUE(kv) << key << " acknowledged at " << rev << " but lost";
        EXPECT_EQ(kv->modRevision, rev);
        maxAcked = std::max(maxAcked, rev);
    }
    auto next = (*store)->create("/after-full-disk", "x");
    ASSERT_TRUE(next) << next.status().message();
    EXPECT_GT(next->modRevision, maxAcked);
}

TEST(SqliteStore, GarbageFileIsRefusedWithAClearMessage) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    {
        std::ofstream f(db, std::ios::binary);
        for (int i = 0; i < 4096; ++i)
            f.put(static_cast<char>((i * 7919) & 0xff));
    }
    Status s = openError(uriFor(db));
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find(db.string()), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("corrupt"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("move it away"), std::string::npos) << s.message();
    EXPECT_EQ(std::filesystem::file_size(db), 4096u) << "the file must not be rewritten";
}

TEST(SqliteStore, GarbledPageIsRefusedNotRepaired) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    fillAndClose(db, 200);
    auto size = std::filesystem::file_size(db);
    ASSERT_GT(size, 4u * 4096);
    {
        // Overwrite the b-tree page headers of pages 3 and 4 (the kv table's pages).
        std::fstream f(db, std::ios::binary | std::ios::in | std::ios::out);
        for (int page = 2; page < 4; ++page) {
            f.seekp(page * 4096);
            for (int i = 0; i < 64; ++i)
                f.put(static_cast<char>(0xA5));
        }
    }
    Status s = openError(uriFor(db));
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find("corrupt"), std::string::npos) << s.message();
    // Still refused on a second try: nothing was repaired behind our back.
    EXPECT_FALSE(openError(uriFor(db)));
}

TEST(SqliteStore, TruncatedFileIsRefused) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    fillAndClose(db, 200);
    auto size = std::filesystem::file_size(db);
    std::filesystem::resize_file(db, size / 2);
    Status s = openError(uriFor(db));
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find("corrupt"), std::string::npos) << s.message();
}

TEST(SqliteStore, NewerSchemaIsRefused) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    fillAndClose(db, 1);
    {
        SqliteHandle raw(db);
        raw.exec("UPDATE meta SET value = 99 WHERE name = 'schema_version'");
    }
    Status s = openError(uriFor(db));
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find("newer"), std::string::npos) << s.message();
}

TEST(SqliteStore, ForeignDatabaseIsRefused) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    {
        SqliteHandle raw(db);
        raw.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY)");
    }
    Status s = openError(uriFor(db));
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find("not a Coxswain state database"), std::string::npos) << s.message();
}

TEST(SqliteStore, SecondOpenOfTheSameFileIsRefused) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    auto first = openStore(uriFor(db));
    ASSERT_TRUE(first) << first.status().message();
    ASSERT_TRUE((*first)->create("/k", "v"));
    Status s = openError(uriFor(db));
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find("in use"), std::string::npos) << s.message();
    EXPECT_TRUE((*first)->create("/k2", "v"));
}

TEST(SqliteStore, DeletedKeysLeaveTheFile) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    {
        auto store = openStore(uriFor(db));
        ASSERT_TRUE(store);
        for (int i = 0; i < 50; ++i) {
            auto key = "/d/" + std::to_string(i);
            ASSERT_TRUE((*store)->create(key, "x"));
            ASSERT_TRUE((*store)->remove(key));
        }
    }
    SqliteHandle raw(db);
    EXPECT_EQ(raw.count("SELECT count(*) FROM kv"), 0);
    EXPECT_EQ(raw.count("SELECT value FROM meta WHERE name = 'revision'"), 101);
}

// Many writers updating large values: the log is checkpointed as it goes, so the -wal file stays
// near the checkpoint threshold instead of growing with everything ever written.
TEST(SqliteStore, WriteAheadLogStaysBounded) {
    TempDir dir;
    auto db = dir.path() / "state.db";
    auto store = openStore(uriFor(db));
    ASSERT_TRUE(store) << store.status().message();
    constexpr int kThreads = 32, kWrites = 100;
    const std::string value(4096, 'w');
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::string key = "/wal/" + std::to_string(t);
            auto kv = (*store)->create(key, value);
            for (int i = 0; kv && i < kWrites; ++i)
                kv = (*store)->update(key, value, kv->modRevision);
            if (!kv)
                ++failures;
        });
    }
    for (auto &th : threads)
        th.join();
    EXPECT_EQ(failures.load(), 0);
    const uintmax_t written = uintmax_t(kThreads) * kWrites * value.size();
    const uintmax_t wal = std::filesystem::file_size(dir.path() / "state.db-wal");
    EXPECT_LT(wal, written / 2) << "wal " << wal << " bytes after writing " << written;
    EXPECT_LT(wal, uintmax_t(16) << 20);
}

TEST(SqliteStore, CommitsAndWatchersAreMeasured) {
    TempDir dir;
    auto store = openStore(uriFor(dir.path() / "state.db"));
    ASSERT_TRUE(store);
    // Looked up after the store registered them, so their buckets are the store's.
    auto &registry = metrics::Registry::global();
    auto &batches = registry.histogram("coxswain_store_commit_batch_size", "");
    auto &latency = registry.histogram("coxswain_store_commit_duration_seconds", "");
    auto &watchers = registry.gauge("coxswain_store_watchers", "");
    const uint64_t commitsBefore = batches.count();
    const double writesBefore = batches.sum();
    ASSERT_TRUE((*store)->create("/m/1", "x"));
    ASSERT_TRUE((*store)->create("/m/2", "x"));
    EXPECT_FALSE((*store)->create("/m/2", "dup"));
    EXPECT_EQ(batches.sum() - writesBefore, 2.0) << "a rejected write is not committed";
    EXPECT_GE(batches.count() - commitsBefore, 1u);
    EXPECT_GE(latency.count(), batches.count() - commitsBefore);

    const double watchersBefore = watchers.value();
    auto watch = (*store)->watch("/m/", 0);
    ASSERT_TRUE(watch);
    EXPECT_EQ(watchers.value(), watchersBefore + 1);
    (*watch)->close();
    EXPECT_EQ(watchers.value(), watchersBefore);
}

TEST(OpenStore, BadUrisGiveClearErrors) {
    EXPECT_EQ(openError("etcd://127.0.0.1:2379").code(), StatusCode::BadRequest);
    EXPECT_NE(openError("bogus").message().find("memory://"), std::string::npos);
    EXPECT_NE(openError("sqlite://relative/state.db").message().find("absolute"),
              std::string::npos);
    Status missingDir = openError("sqlite:///nonexistent-dir-cox/state.db");
    ASSERT_FALSE(missingDir);
    EXPECT_NE(missingDir.message().find("/nonexistent-dir-cox"), std::string::npos);
    EXPECT_TRUE(openError("memory://"));
}

} // namespace
} // namespace cox::store
