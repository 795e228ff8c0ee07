// SchedulingQueue: pending pods in three parts, after Kubernetes' PriorityQueue.
//   activeQ        - ready to schedule; higher spec.priority first, then first come first served.
//   backoffQ       - failed recently; waits 1 s, 2 s, 4 s ... up to 10 s per attempt.
//   unschedulableQ - no node fitted; waits for a cluster event (node added or updated, pod
//                    deleted: moveAllToActiveOrBackoff()) or at most 5 minutes.
// Time comes from the injected Clock, so tests drive backoff with FakeClock; pop() waits in
// real time for at most its timeout. Thread-safe.
#pragma once

#include "common/clock.h"
#include "scheduler/pod_info.h"

#include <condition_variable>
#include <map>
#include <optional>
#include <set>

namespace cox::scheduler {

struct QueuedPod {
    PodInfoPtr pod;
    int attempts = 0;   // failed scheduling attempts so far
    uint64_t cycle = 0; // scheduling cycle in which it was popped
};

struct QueueOptions {
    std::chrono::milliseconds initialBackoff = std::chrono::seconds(1);
    std::chrono::milliseconds maxBackoff = std::chrono::seconds(10);
    std::chrono::milliseconds maxUnschedulableStay = std::chrono::minutes(5);
};

class SchedulingQueue {
public:
    explicit SchedulingQueue(const Clock &clock = SystemClock::instance(),
                             QueueOptions options = {});

    // A new pending pod goes to activeQ; a pod already queued is updated in place (see update).
    void add(PodInfoPtr pod);
    // New version of a queued pod. An unschedulable pod whose spec changed may fit now, so it
    // moves to activeQ (or backoffQ while its backoff lasts).
    void update(PodInfoPtr pod);
    void remove(const std::string &podKey);
    // The popped pod left the queue for good (bound, or not ours).
    void done(const std::string &podKey);

    // The next pod from activeQ, waiting up to `timeout`; nullopt on timeout or after close().
    std::optional<QueuedPod> pop(std::chrono::milliseconds timeout);

    // No node fitted `pod` in its cycle. If a cluster event arrived since it was popped, it goes
    // to backoffQ (the event may have helped); otherwise to unschedulableQ.
    void requeueUnschedulable(QueuedPod pod);
    // Scheduling or binding failed for another reason: straight to backoffQ.
    void requeueBackoff(QueuedPod pod);
    // A cluster event that may make pending pods fit.
    void moveAllToActiveOrBackoff();
    // Moves finished backoffs and overstaying unschedulable pods to activeQ; pop() calls it.
    void flush();
    void close();

    size_t activeSize() const;
    size_t backoffSize() const;
    size_t unschedulableSize() const;
    std::chrono::milliseconds backoffFor(int attempts) const;

private:
    enum class Where { Active, Backoff, Unschedulable, InFlight };
    using ActiveKey = std::pair<int64_t, uint64_t>; // (-priority, sequence)
    struct Item {
        QueuedPod queued;
        Where where = Where::Active;
        ActiveKey activeKey{};
        WallTime backoffUntil{};
        WallTime unschedulableSince{};
        bool removed = false;
    };

    void toActive(const std::string &key, Item &item);
    void toBackoff(const std::string &key, Item &item);
    void detach(const std::string &key, Item &item);
    void requeue(QueuedPod pod, bool unschedulable);
    void flushLocked(WallTime now);

    const Clock &m_clock;
    const QueueOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::map<std::string, Item> m_items;
    std::set<std::pair<ActiveKey, std::string>> m_active;
    std::set<std::pair<WallTime, std::string>> m_backoff;
    std::set<std::string> m_unschedulable;
    uint64_t m_sequence = 0;
    uint64_t m_cycle = 0;
    uint64_t m_moveRequestCycle = 0;
    bool m_closed = false;
};

} // namespace cox::scheduler
