// Test helper for the crash test: opens the sqlite store given on the command line and writes
// from several threads, printing "<revision> <key>" for each acknowledged write (flushed at once),
// until it has written `limit` keys or is killed.
#include "store/store.h"

#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s /abs/state.db [limit]\n", argv[0]);
        return 2;
    }
    const int limit = argc > 2 ? std::stoi(argv[2]) : 100000;
    auto store = cox::store::openStore(std::string("sqlite://") + argv[1]);
    if (!store) {
        std::fprintf(stderr, "open failed: %s\n", store.status().message().c_str());
        return 1;
    }
    std::mutex outMutex;
    std::vector<std::thread> threads;
    constexpr int kThreads = 4;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = t; i < limit; i += kThreads) {
                std::string key = "/crash/" + std::to_string(i);
                auto kv = (*store)->create(key, std::string(200, 'a' + (i % 26)));
                if (!kv)
                    continue;
                std::lock_guard lock(outMutex);
                std::printf("%lld %s\n", static_cast<long long>(kv->modRevision), key.c_str());
                std::fflush(stdout);
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    return 0;
}
