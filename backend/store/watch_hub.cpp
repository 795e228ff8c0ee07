#include "store/watch_hub.h"

#include <algorithm>
#include <cassert>

namespace cox::store {

WatchHub::WatchHub(int64_t revision, size_t historyEvents, size_t queueEvents)
    : m_revision(revision)
    , m_compacted(revision)
    , m_historyEvents(std::max<size_t>(historyEvents, 1))
    , m_queueEvents(std::max<size_t>(queueEvents, 1)) {}

WatchHub::~WatchHub() {
    shutdown();
}

Result<std::unique_ptr<Watch>> WatchHub::subscribe(const std::string &prefix,
                                                   int64_t afterRevision) {
    std::lock_guard lock(m_mutex);
    if (m_shutdown)
        return Status(StatusCode::Unavailable, "store is closed");
    if (afterRevision < 0)
        return Status(StatusCode::BadRequest, "negative watch revision");
    if (afterRevision == 0)
        afterRevision = m_revision;
    if (afterRevision < m_compacted)
        return Status(StatusCode::Gone,
                      "too old resource version: " + std::to_string(afterRevision) + " (" +
                          std::to_string(m_compacted) + ")");
    auto queue = std::make_shared<WatchQueue>(prefix, afterRevision, m_queueEvents);
    if (afterRevision < m_revision) {
        auto first = m_history.begin() + (afterRevision - m_compacted);
        queue->pushReplay(std::vector<Event>(first, m_history.end()));
    }
    std::erase_if(m_queues, [](const std::shared_ptr<WatchQueue> &q) { return q->finished(); });
    m_queues.push_back(queue);
    return std::unique_ptr<Watch>(std::make_unique<QueueWatch>(std::move(queue)));
}

void WatchHub::publish(const std::vector<Event> &events) {
    if (events.empty())
        return;
    std::lock_guard lock(m_mutex);
    for (const Event &event : events) {
        assert(event.kv.modRevision == m_revision + 1 && "published revisions must be contiguous");
        m_revision = event.kv.modRevision;
        m_history.push_back(event);
    }
    while (m_history.size() > m_historyEvents) {
        m_compacted = m_history.front().kv.modRevision;
        m_history.pop_front();
    }
    std::erase_if(m_queues, [&](const std::shared_ptr<WatchQueue> &q) { return !q->push(events); });
}

Status WatchHub::compact(int64_t revision) {
    std::lock_guard lock(m_mutex);
    if (revision > m_revision)
        return Status(StatusCode::BadRequest,
                      "cannot compact to revision " + std::to_string(revision) +
                          ": the store is at revision " + std::to_string(m_revision));
    while (!m_history.empty() && m_history.front().kv.modRevision <= revision)
        m_history.pop_front();
    m_compacted = std::max(m_compacted, revision);
    return Status::ok();
}

void WatchHub::shutdown() {
    std::lock_guard lock(m_mutex);
    m_shutdown = true;
    for (auto &queue : m_queues)
        queue->fail(Status(StatusCode::Unavailable, "store is closed"));
    m_queues.clear();
}

int64_t WatchHub::revision() const {
    std::lock_guard lock(m_mutex);
    return m_revision;
}

int64_t WatchHub::compactedRevision() const {
    std::lock_guard lock(m_mutex);
    return m_compacted;
}

} // namespace cox::store
