// Test helper for the durability tests: opens the sqlite store given on the command line and
// writes from several threads, printing "<revision> <key>" for each acknowledged write (flushed
// at once), until it has written `limit` keys or is killed. With a third argument it first caps
// the size of any file it writes (RLIMIT_FSIZE), so the disk "fills up": it then prints
// "ERR <reason>" for the first refused write and for one more attempt, and exits with status 3.
#include "store/store.h"

#include <csignal>
#include <cstdio>
#include <mutex>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s /abs/state.db [limit] [max-file-bytes]\n", argv[0]);
        return 2;
    }
    const int limit = argc > 2 ? std::stoi(argv[2]) : 100000;
    if (argc > 3) {
        std::signal(SIGXFSZ, SIG_IGN); // a write past the cap then fails with EFBIG instead
        rlim_t cap = std::stoull(argv[3]);
        rlimit rl{cap, cap};
        setrlimit(RLIMIT_FSIZE, &rl);
    }
    auto store = cox::store::openStore(std::string("sqlite://") + argv[1]);
    if (!store) {
        std::fprintf(stderr, "open failed: %s\n", store.status().message().c_str());
        return 1;
    }
    std::mutex outMutex;
    bool failed = false;
    std::vector<std::thread> threads;
    constexpr int kThreads = 4;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = t; i < limit; i += kThreads) {
                std::string key = "/crash/" + std::to_string(i);
                auto kv = (*store)->create(key, std::string(200, 'a' + (i % 26)));
                std::lock_guard lock(outMutex);
                if (kv) {
                    std::printf("%lld %s\n", static_cast<long long>(kv->modRevision), key.c_str());
                } else {
                    failed = true;
                    std::printf("ERR %s\n", std::string(kv.status().reason()).c_str());
                }
                std::fflush(stdout);
                if (failed)
                    return;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    if (!failed)
        return 0;
    auto again = (*store)->create("/after-failure", "x");
    std::printf("ERR %s\n", again ? "accepted" : std::string(again.status().reason()).c_str());
    return 3;
}
