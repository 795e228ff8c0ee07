// WatchHub: fans committed events out to watchers and keeps a ring of recent events so a watch
// may start in the past. Revisions are contiguous, so the ring is a slice [compacted+1, revision]
// and a replay starts at a computed index. Subscribing and publishing share one lock, which is
// what makes "replay, then live" gap-free and duplicate-free.
#pragma once

#include "store/watch_queue.h"

#include <deque>
#include <mutex>

namespace cox::store {

class WatchHub {
public:
    WatchHub(int64_t revision, size_t historyEvents, size_t queueEvents);
    ~WatchHub();

    // Events under `prefix` after `afterRevision` (0 = from the latest published revision).
    // Gone when the history no longer reaches back to afterRevision + 1.
    Result<std::unique_ptr<Watch>> subscribe(const std::string &prefix, int64_t afterRevision);
    // Events with consecutive revisions following revision().
    void publish(const std::vector<Event> &events);
    // Forgets history up to `revision`. BadRequest when it is in the future.
    Status compact(int64_t revision);
    // Ends every watch with Unavailable; later subscribes fail the same way.
    void shutdown();

    int64_t revision() const;
    int64_t compactedRevision() const;

private:
    mutable std::mutex m_mutex;
    std::deque<Event> m_history;
    std::vector<std::shared_ptr<WatchQueue>> m_queues;
    int64_t m_revision;
    int64_t m_compacted; // the ring holds every event after this revision
    const size_t m_historyEvents;
    const size_t m_queueEvents;
    bool m_shutdown = false;
};

} // namespace cox::store
