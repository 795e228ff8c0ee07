// WorkQueue: the rate-limited, de-duplicating queue of object keys between informer handlers and
// reconcile workers (client-go's workqueue). A key is never handed to two workers at once: adding
// a key that is being processed marks it dirty and it comes back after done(). Delayed adds and
// per-key exponential backoff are measured with the injected Clock, so tests advance a FakeClock.
#pragma once

#include "common/clock.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace cox::controllers {

struct Backoff {
    std::chrono::milliseconds base{5};
    std::chrono::milliseconds max{1000 * 1000};
};

class WorkQueue {
public:
    explicit WorkQueue(Clock &clock, Backoff backoff = {});
    WorkQueue(const WorkQueue &) = delete;
    WorkQueue &operator=(const WorkQueue &) = delete;

    void add(const std::string &key);
    // Adds the key once `delay` has passed on the clock (earliest pending time wins).
    void addAfter(const std::string &key, std::chrono::milliseconds delay);
    // addAfter with the key's next backoff step: base * 2^failures, capped at max.
    void addRateLimited(const std::string &key);
    // Resets the key's backoff (after a successful reconcile).
    void forget(const std::string &key);
    int numRequeues(const std::string &key) const;

    // A due key without waiting, or nullopt.
    std::optional<std::string> tryGet();
    // Waits up to `maxWait` (real time) for a due key; nullopt on timeout or shutdown.
    std::optional<std::string> get(std::chrono::milliseconds maxWait);
    // Ends processing of a key handed out by get/tryGet.
    void done(const std::string &key);

    void shutDown();
    bool shuttingDown() const;
    size_t length() const;       // keys ready to hand out
    size_t delayedCount() const; // keys waiting for their time
    std::optional<WallTime> nextDelayed() const;

private:
    void addLocked(const std::string &key);
    void promoteDueLocked();
    std::optional<std::string> popLocked();

    Clock &m_clock;
    const Backoff m_backoff;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::string> m_queue;
    std::set<std::string> m_dirty;
    std::set<std::string> m_processing;
    std::map<std::string, WallTime> m_delayed; // key -> due time
    std::map<std::string, int> m_failures;
    bool m_shutDown = false;
};

} // namespace cox::controllers
