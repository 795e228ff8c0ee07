// WatchQueue: the bounded buffer between the WatchHub (producer, under the hub lock) and one
// watcher (consumer, in next()). A watcher that lets `capacity` events pile up is ended with Gone
// instead of making writers wait: the client re-lists, as Kubernetes clients do on 410.
// QueueWatch is the Watch handle a caller owns; dropping it closes the queue, and the hub forgets
// finished queues on its next publish.
#pragma once

#include "store/store.h"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace cox::store {

class WatchQueue {
public:
    WatchQueue(std::string prefix, int64_t afterRevision, size_t capacity);
    ~WatchQueue();

    // Takes the events (in revision order) that match the prefix and come after the start
    // revision. Returns false once the queue has ended, so the hub can drop it.
    bool push(const std::vector<Event> &events);
    // Like push() but outside the capacity: a replay is bounded by the hub's history instead, and
    // only live events that pile up behind it count towards falling behind.
    void pushReplay(std::vector<Event> events);
    // Ends the watch with `status` (Gone, Unavailable); queued events are dropped.
    void fail(Status status);
    bool finished() const;

    Result<std::vector<Event>> next(std::chrono::milliseconds timeout);
    void close();

private:
    bool matches(const Event &event) const;
    void finishLocked(Status status);

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    const std::string m_prefix;
    int64_t m_after;
    const size_t m_capacity;
    std::deque<Event> m_events;
    size_t m_replayQueued = 0; // events at the front of m_events that came from the replay
    Status m_end;              // Ok while the watch runs
};

class QueueWatch final : public Watch {
public:
    explicit QueueWatch(std::shared_ptr<WatchQueue> queue)
        : m_queue(std::move(queue)) {}
    ~QueueWatch() override { m_queue->close(); }

    Result<std::vector<Event>> next(std::chrono::milliseconds timeout) override {
        return m_queue->next(timeout);
    }
    void close() override { m_queue->close(); }

private:
    std::shared_ptr<WatchQueue> m_queue;
};

} // namespace cox::store
