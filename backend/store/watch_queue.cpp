#include "store/watch_queue.h"

#include "common/metrics.h"

namespace cox::store {
namespace {

metrics::Gauge &watchersGauge() {
    static metrics::Gauge &gauge = metrics::Registry::global().gauge(
        "coxswain_store_watchers", "Open store watches across all stores.");
    return gauge;
}

} // namespace

WatchQueue::WatchQueue(std::string prefix, int64_t afterRevision, size_t capacity)
    : m_prefix(std::move(prefix))
    , m_after(afterRevision)
    , m_capacity(capacity) {
    watchersGauge().add(1);
}

WatchQueue::~WatchQueue() {
    close();
}

bool WatchQueue::matches(const Event &event) const {
    return event.kv.modRevision > m_after && event.kv.key.starts_with(m_prefix);
}

bool WatchQueue::push(const std::vector<Event> &events) {
    std::lock_guard lock(m_mutex);
    if (!m_end.isOk())
        return false;
    bool added = false;
    for (const Event &event : events) {
        if (!matches(event))
            continue;
        if (m_events.size() - m_replayQueued >= m_capacity) {
            finishLocked(Status(StatusCode::Gone,
                                "watch fell behind: more than " + std::to_string(m_capacity) +
                                    " undelivered events at revision " +
                                    std::to_string(event.kv.modRevision) + "; re-list"));
            return false;
        }
        m_events.push_back(event);
        added = true;
    }
    if (added)
        m_cv.notify_all();
    return true;
}

void WatchQueue::pushReplay(std::vector<Event> events) {
    std::lock_guard lock(m_mutex);
    for (Event &event : events) {
        if (matches(event)) {
            m_events.push_back(std::move(event));
            ++m_replayQueued;
        }
    }
    if (!m_events.empty())
        m_cv.notify_all();
}

void WatchQueue::fail(Status status) {
    std::lock_guard lock(m_mutex);
    finishLocked(std::move(status));
}

bool WatchQueue::finished() const {
    std::lock_guard lock(m_mutex);
    return !m_end.isOk();
}

void WatchQueue::close() {
    fail(Status(StatusCode::Unavailable, "watch closed"));
}

// Only the first end counts: a Gone is not overwritten by the later close() of the handle.
void WatchQueue::finishLocked(Status status) {
    if (!m_end.isOk())
        return;
    m_end = std::move(status);
    m_events.clear();
    m_replayQueued = 0;
    watchersGauge().add(-1);
    m_cv.notify_all();
}

Result<std::vector<Event>> WatchQueue::next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, timeout, [this] { return !m_events.empty() || !m_end.isOk(); });
    if (!m_end.isOk())
        return m_end;
    std::vector<Event> out(std::make_move_iterator(m_events.begin()),
                           std::make_move_iterator(m_events.end()));
    m_events.clear();
    m_replayQueued = 0;
    if (!out.empty())
        m_after = out.back().kv.modRevision;
    return out;
}

} // namespace cox::store
