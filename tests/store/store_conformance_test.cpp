// One conformance suite for every Store backend (kine's habit): the same contract, checked the
// same way, whichever backend the API server is given.
#include "store_fixture.h"

#include <atomic>
#include <set>
#include <thread>

namespace cox::store {
namespace {

using namespace std::chrono_literals;

template<typename Backend>
class StoreConformance : public ::testing::Test {
protected:
    void SetUp() override { m_store = m_backend.open(); }
    Store &store() { return *m_store; }

    Backend m_backend;
    std::unique_ptr<Store> m_store;
};

using Backends = ::testing::Types<MemoryBackend, SqliteBackend>;
TYPED_TEST_SUITE(StoreConformance, Backends);

TYPED_TEST(StoreConformance, CreateThenGet) {
    Store &s = this->store();
    auto created = s.create("/a/1", "one");
    ASSERT_TRUE(created) << created.status().message();
    EXPECT_EQ(created->createRevision, created->modRevision);
    EXPECT_EQ(s.revision(), created->modRevision);
    auto got = s.get("/a/1");
    ASSERT_TRUE(got);
    EXPECT_EQ(*got->value, "one");
    EXPECT_EQ(got->modRevision, created->modRevision);
    EXPECT_EQ(s.get("/a/2").status().code(), StatusCode::NotFound);
}

TYPED_TEST(StoreConformance, CreateExistingIsAlreadyExistsAndConsumesNoRevision) {
    Store &s = this->store();
    ASSERT_TRUE(s.create("/a/1", "one"));
    int64_t before = s.revision();
    auto again = s.create("/a/1", "two");
    EXPECT_EQ(again.status().code(), StatusCode::AlreadyExists);
    EXPECT_EQ(s.revision(), before);
    EXPECT_EQ(*s.get("/a/1")->value, "one");
    auto next = s.create("/a/2", "x");
    ASSERT_TRUE(next);
    EXPECT_EQ(next->modRevision, before + 1);
}

TYPED_TEST(StoreConformance, ListPrefixLimitAndContinue) {
    Store &s = this->store();
    for (const char *key : {"/p/c", "/p/a", "/q/a", "/p/b", "/pz", "/o"})
        ASSERT_TRUE(s.create(key, key));
    auto all = s.list("/p/");
    ASSERT_TRUE(all);
    ASSERT_EQ(all->items.size(), 3u);
    EXPECT_EQ(all->items[0].key, "/p/a");
    EXPECT_EQ(all->items[2].key, "/p/c");
    EXPECT_FALSE(all->more);
    EXPECT_EQ(all->revision, s.revision());

    auto page1 = s.list("/p/", 2);
    ASSERT_TRUE(page1);
    ASSERT_EQ(page1->items.size(), 2u);
    EXPECT_TRUE(page1->more);
    auto page2 = s.list("/p/", 2, page1->items.back().key);
    ASSERT_TRUE(page2);
    ASSERT_EQ(page2->items.size(), 1u);
    EXPECT_EQ(page2->items[0].key, "/p/c");
    EXPECT_FALSE(page2->more);

    auto exact = s.list("/p/", 3);
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact->items.size(), 3u);
    EXPECT_FALSE(exact->more);
    EXPECT_EQ(s.list("/", 0)->items.size(), 6u);
    EXPECT_EQ(s.list("/none/")->items.size(), 0u);
}

TYPED_TEST(StoreConformance, UpdateIsCompareAndSwap) {
    Store &s = this->store();
    auto created = s.create("/k", "v1");
    ASSERT_TRUE(created);
    auto updated = s.update("/k", "v2", created->modRevision);
    ASSERT_TRUE(updated) << updated.status().message();
    EXPECT_EQ(updated->createRevision, created->createRevision);
    EXPECT_GT(updated->modRevision, created->modRevision);

    int64_t before = s.revision();
    auto stale = s.update("/k", "v3", created->modRevision);
    EXPECT_EQ(stale.status().code(), StatusCode::Conflict);
    EXPECT_EQ(s.revision(), before);
    EXPECT_EQ(*s.get("/k")->value, "v2");
    EXPECT_EQ(s.update("/missing", "x", 1).status().code(), StatusCode::NotFound);
}

TYPED_TEST(StoreConformance, RemoveConditionalAndUnconditional) {
    Store &s = this->store();
    auto a = s.create("/a", "va");
    auto b = s.create("/b", "vb");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(s.remove("/a", a->modRevision + 100).status().code(), StatusCode::Conflict);
    auto removed = s.remove("/a", a->modRevision);
    ASSERT_TRUE(removed);
    EXPECT_EQ(*removed->value, "va");
    EXPECT_EQ(removed->modRevision, s.revision());
    EXPECT_EQ(s.get("/a").status().code(), StatusCode::NotFound);
    ASSERT_TRUE(s.remove("/b"));
    EXPECT_EQ(s.remove("/b").status().code(), StatusCode::NotFound);
    EXPECT_TRUE(s.list("/")->items.empty());
    auto recreated = s.create("/a", "again");
    ASSERT_TRUE(recreated);
    EXPECT_EQ(recreated->createRevision, recreated->modRevision);
}

TYPED_TEST(StoreConformance, RevisionsAreMonotonicAndContiguous) {
    Store &s = this->store();
    int64_t last = s.revision();
    for (int i = 0; i < 20; ++i) {
        auto kv = s.create("/m/" + std::to_string(i), "x");
        ASSERT_TRUE(kv);
        EXPECT_EQ(kv->modRevision, last + 1);
        last = kv->modRevision;
    }
}

TYPED_TEST(StoreConformance, WatchFromPastRevisionReplaysExactly) {
    Store &s = this->store();
    auto k1 = s.create("/w/1", "a");
    ASSERT_TRUE(k1);
    int64_t start = k1->modRevision;
    auto k2 = s.create("/w/2", "b");
    ASSERT_TRUE(k2);
    ASSERT_TRUE(s.update("/w/1", "a2", k1->modRevision));
    ASSERT_TRUE(s.remove("/w/2"));

    auto watch = s.watch("/w/", start);
    ASSERT_TRUE(watch) << watch.status().message();
    auto events = collect(**watch, 3);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].kv.key, "/w/2");
    EXPECT_TRUE(events[0].isCreate());
    EXPECT_EQ(events[1].kv.key, "/w/1");
    EXPECT_EQ(*events[1].kv.value, "a2");
    ASSERT_TRUE(events[1].prevValue);
    EXPECT_EQ(*events[1].prevValue, "a");
    EXPECT_EQ(events[2].type, EventType::Delete);
    EXPECT_EQ(*events[2].kv.value, "b");
    for (size_t i = 0; i < events.size(); ++i)
        EXPECT_EQ(events[i].kv.modRevision, start + 1 + static_cast<int64_t>(i));

    ASSERT_TRUE(s.create("/w/3", "c"));
    auto live = collect(**watch, 1);
    ASSERT_EQ(live.size(), 1u);
    EXPECT_EQ(live[0].kv.key, "/w/3");
}

TYPED_TEST(StoreConformance, WatchOfPrefixSeesOnlyThatPrefix) {
    Store &s = this->store();
    auto watch = s.watch("/pods/", 0);
    ASSERT_TRUE(watch);
    ASSERT_TRUE(s.create("/nodes/n1", "n"));
    ASSERT_TRUE(s.create("/pods/p1", "p"));
    ASSERT_TRUE(s.create("/podsX", "x"));
    ASSERT_TRUE(s.create("/pods/p2", "p"));
    auto events = collect(**watch, 2);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kv.key, "/pods/p1");
    EXPECT_EQ(events[1].kv.key, "/pods/p2");
    auto more = (*watch)->next(50ms);
    ASSERT_TRUE(more);
    EXPECT_TRUE(more->empty());
}

TYPED_TEST(StoreConformance, WatchFromNowSkipsHistory) {
    Store &s = this->store();
    ASSERT_TRUE(s.create("/n/old", "x"));
    auto watch = s.watch("/n/", 0);
    ASSERT_TRUE(watch);
    ASSERT_TRUE(s.create("/n/new", "y"));
    auto events = collect(**watch, 1);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kv.key, "/n/new");
    EXPECT_EQ(events[0].kv.modRevision, s.revision());
}

TYPED_TEST(StoreConformance, CompactedRevisionIsGone) {
    Store &s = this->store();
    std::vector<int64_t> revs;
    for (int i = 0; i < 5; ++i)
        revs.push_back(s.create("/c/" + std::to_string(i), "x")->modRevision);
    ASSERT_TRUE(s.compact(revs[2]));
    EXPECT_EQ(s.compactedRevision(), revs[2]);
    auto gone = s.watch("/c/", revs[1]);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.status().code(), StatusCode::Gone);
    EXPECT_NE(gone.status().message().find("too old resource version"), std::string::npos);
    auto ok = s.watch("/c/", revs[2]);
    ASSERT_TRUE(ok);
    auto events = collect(**ok, 2);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kv.modRevision, revs[3]);
    EXPECT_EQ(s.compact(s.revision() + 10).code(), StatusCode::BadRequest);
}

TYPED_TEST(StoreConformance, SlowWatcherIsClosedWithGoneWhileWritersProceed) {
    Store &s = this->store();
    auto slow = s.watch("/s/", 0);
    ASSERT_TRUE(slow);
    auto fast = s.watch("/s/", 0);
    ASSERT_TRUE(fast);
    const int writes = kWatchQueueEvents + 10;
    std::vector<Event> seen;
    for (int i = 0; i < writes; ++i) {
        ASSERT_TRUE(s.create("/s/" + std::to_string(i), "x"));
        auto batch = (*fast)->next(0ms);
        ASSERT_TRUE(batch);
        seen.insert(seen.end(), batch->begin(), batch->end());
    }
    auto ended = (*slow)->next(1s);
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.status().code(), StatusCode::Gone);
    auto rest = collect(**fast, writes - static_cast<int>(seen.size()));
    seen.insert(seen.end(), rest.begin(), rest.end());
    EXPECT_EQ(seen.size(), static_cast<size_t>(writes));
}

TYPED_TEST(StoreConformance, CloseWakesBlockedNext) {
    Store &s = this->store();
    auto watch = s.watch("/x/", 0);
    ASSERT_TRUE(watch);
    Watch *w = watch->get();
    std::thread closer([w] {
        std::this_thread::sleep_for(20ms);
        w->close();
    });
    auto result = w->next(std::chrono::minutes(5));
    closer.join();
    EXPECT_FALSE(result);
    w->close();
}

TYPED_TEST(StoreConformance, ConcurrentWritersGetDistinctRevisionsAndWatchSeesEachOnce) {
    Store &s = this->store();
    const int64_t start = s.revision();
    constexpr int kThreads = 8, kPerThread = 50;
    std::vector<std::vector<int64_t>> revs(kThreads);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                auto key = "/cc/" + std::to_string(t) + "/" + std::to_string(i);
                auto kv = s.create(key, "v");
                if (!kv) {
                    ++failures;
                    continue;
                }
                auto up = s.update(key, "v2", kv->modRevision);
                if (!up) {
                    ++failures;
                    continue;
                }
                revs[t].push_back(kv->modRevision);
                revs[t].push_back(up->modRevision);
            }
        });
    }
    for (auto &th : threads)
        th.join();
    EXPECT_EQ(failures.load(), 0);
    std::set<int64_t> all;
    for (auto &v : revs)
        all.insert(v.begin(), v.end());
    constexpr size_t kTotal = kThreads * kPerThread * 2;
    EXPECT_EQ(all.size(), kTotal);

    // Started after the writers so the small test queue cannot overflow: the replay path runs
    // through the same ring the concurrent publishes filled.
    auto watch = s.watch("/cc/", start);
    ASSERT_TRUE(watch);
    auto events = collect(**watch, kTotal);
    ASSERT_EQ(events.size(), kTotal);
    std::set<int64_t> watched;
    for (size_t i = 0; i < events.size(); ++i) {
        watched.insert(events[i].kv.modRevision);
        if (i > 0) {
            EXPECT_EQ(events[i].kv.modRevision, events[i - 1].kv.modRevision + 1);
        }
    }
    EXPECT_EQ(watched, all);
}

// Contended compare-and-swap on one key: with group commit, two updates of the same key often
// land in one batch, and the second must see the first (Conflict), or increments are lost.
TYPED_TEST(StoreConformance, ContendedCasCounterLosesNoIncrement) {
    Store &s = this->store();
    ASSERT_TRUE(s.create("/counter", "0"));
    constexpr int kThreads = 8, kIncrements = 20, kMaxAttempts = 10000;
    std::atomic<int> applied{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kIncrements; ++i) {
                for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
                    auto kv = s.get("/counter");
                    if (!kv)
                        return;
                    auto next = std::to_string(std::stoi(*kv->value) + 1);
                    auto up = s.update("/counter", next, kv->modRevision);
                    if (up) {
                        ++applied;
                        break;
                    }
                    if (up.status().code() != StatusCode::Conflict)
                        return;
                }
            }
        });
    }
    for (auto &th : threads)
        th.join();
    EXPECT_EQ(applied.load(), kThreads * kIncrements);
    EXPECT_EQ(*s.get("/counter")->value, std::to_string(applied.load()));
}

TYPED_TEST(StoreConformance, ValuesAreSharedNotCopied) {
    Store &s = this->store();
    ASSERT_TRUE(s.create("/v", std::string(4096, 'z')));
    auto a = s.get("/v");
    auto b = s.list("/v");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->value.get(), b->items[0].value.get());
}

TYPED_TEST(StoreConformance, ClosingTheStoreEndsWatches) {
    auto watch = this->store().watch("/", 0);
    ASSERT_TRUE(watch);
    this->m_store.reset();
    auto result = (*watch)->next(1s);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.status().code(), StatusCode::Unavailable);
}

} // namespace
} // namespace cox::store
