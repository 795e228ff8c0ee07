#include "scheduler/scheduling_queue.h"

#include <algorithm>

namespace cox::scheduler {

SchedulingQueue::SchedulingQueue(const Clock &clock, QueueOptions options)
    : m_clock(clock)
    , m_options(options) {}

std::chrono::milliseconds SchedulingQueue::backoffFor(int attempts) const {
    auto backoff = m_options.initialBackoff;
    for (int i = 1; i < attempts && backoff < m_options.maxBackoff; ++i)
        backoff *= 2;
    return std::min(backoff, m_options.maxBackoff);
}

void SchedulingQueue::add(PodInfoPtr pod) {
    std::lock_guard lock(m_mutex);
    std::string key = pod->key();
    auto [it, inserted] = m_items.try_emplace(key);
    if (!inserted) {
        it->second.queued.pod = std::move(pod);
        return;
    }
    it->second.queued.pod = std::move(pod);
    toActive(key, it->second);
}

void SchedulingQueue::update(PodInfoPtr pod) {
    std::lock_guard lock(m_mutex);
    std::string key = pod->key();
    auto it = m_items.find(key);
    if (it == m_items.end()) {
        m_items[key].queued.pod = std::move(pod);
        toActive(key, m_items[key]);
        return;
    }
    Item &item = it->second;
    bool priorityChanged = item.queued.pod->priority != pod->priority;
    item.queued.pod = std::move(pod);
    if (item.where == Where::Unschedulable) {
        detach(key, item);
        if (item.backoffUntil > m_clock.now())
            toBackoff(key, item);
        else
            toActive(key, item);
    } else if (item.where == Where::Active && priorityChanged) {
        detach(key, item);
        toActive(key, item);
    }
}

void SchedulingQueue::remove(const std::string &podKey) {
    std::lock_guard lock(m_mutex);
    auto it = m_items.find(podKey);
    if (it == m_items.end())
        return;
    if (it->second.where == Where::InFlight) {
        it->second.removed = true; // requeue will drop it
        return;
    }
    detach(podKey, it->second);
    m_items.erase(it);
}

void SchedulingQueue::done(const std::string &podKey) {
    std::lock_guard lock(m_mutex);
    auto it = m_items.find(podKey);
    if (it != m_items.end() && it->second.where == Where::InFlight)
        m_items.erase(it);
}

std::optional<QueuedPod> SchedulingQueue::pop(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    for (;;) {
        flushLocked(m_clock.now());
        if (m_closed)
            return std::nullopt;
        if (!m_active.empty()) {
            auto first = m_active.begin();
            std::string key = first->second;
            m_active.erase(first);
            Item &item = m_items[key];
            item.where = Where::InFlight;
            item.queued.cycle = ++m_cycle;
            return item.queued;
        }
        auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return std::nullopt;
        // Wake at least every 100 ms so backoffs that end while we wait are noticed.
        auto wait = std::min<std::chrono::steady_clock::duration>(deadline - now,
                                                                  std::chrono::milliseconds(100));
        m_ready.wait_for(lock, wait);
    }
}

void SchedulingQueue::requeueUnschedulable(QueuedPod pod) {
    requeue(std::move(pod), true);
}

void SchedulingQueue::requeueBackoff(QueuedPod pod) {
    requeue(std::move(pod), false);
}

void SchedulingQueue::requeue(QueuedPod pod, bool unschedulable) {
    std::lock_guard lock(m_mutex);
    std::string key = pod.pod->key();
    auto it = m_items.find(key);
    if (it == m_items.end() || it->second.where != Where::InFlight)
        return;
    Item &item = it->second;
    if (item.removed) {
        m_items.erase(it);
        return;
    }
    // Keep a newer version of the pod that arrived while it was in flight.
    item.queued.attempts = pod.attempts + 1;
    WallTime now = m_clock.now();
    item.backoffUntil = now + backoffFor(item.queued.attempts);
    if (unschedulable && m_moveRequestCycle < pod.cycle) {
        item.where = Where::Unschedulable;
        item.unschedulableSince = now;
        m_unschedulable.insert(key);
        return;
    }
    toBackoff(key, item);
}

void SchedulingQueue::moveAllToActiveOrBackoff() {
    std::lock_guard lock(m_mutex);
    m_moveRequestCycle = m_cycle;
    WallTime now = m_clock.now();
    for (const auto &key : std::set<std::string>(std::move(m_unschedulable))) {
        Item &item = m_items[key];
        item.where = Where::Active; // detached already: the set was moved out
        if (item.backoffUntil > now)
            toBackoff(key, item);
        else
            toActive(key, item);
    }
    m_unschedulable.clear();
}

void SchedulingQueue::flush() {
    std::lock_guard lock(m_mutex);
    flushLocked(m_clock.now());
}

void SchedulingQueue::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
}

size_t SchedulingQueue::activeSize() const {
    std::lock_guard lock(m_mutex);
    return m_active.size();
}

size_t SchedulingQueue::backoffSize() const {
    std::lock_guard lock(m_mutex);
    return m_backoff.size();
}

size_t SchedulingQueue::unschedulableSize() const {
    std::lock_guard lock(m_mutex);
    return m_unschedulable.size();
}

void SchedulingQueue::toActive(const std::string &key, Item &item) {
    item.where = Where::Active;
    item.activeKey = {-static_cast<int64_t>(item.queued.pod->priority), ++m_sequence};
    m_active.emplace(item.activeKey, key);
    m_ready.notify_one();
}

void SchedulingQueue::toBackoff(const std::string &key, Item &item) {
    item.where = Where::Backoff;
    m_backoff.emplace(item.backoffUntil, key);
}

void SchedulingQueue::detach(const std::string &key, Item &item) {
    switch (item.where) {
    case Where::Active:
        m_active.erase({item.activeKey, key});
        break;
    case Where::Backoff:
        m_backoff.erase({item.backoffUntil, key});
        break;
    case Where::Unschedulable:
        m_unschedulable.erase(key);
        break;
    case Where::InFlight:
        break;
    }
}

void SchedulingQueue::flushLocked(WallTime now) {
    while (!m_backoff.empty() && m_backoff.begin()->first <= now) {
        std::string key = m_backoff.begin()->second;
        m_backoff.erase(m_backoff.begin());
        toActive(key, m_items[key]);
    }
    std::vector<std::string> overstayed;
    for (const auto &key : m_unschedulable) {
        if (now - m_items[key].unschedulableSince >= m_options.maxUnschedulableStay)
            overstayed.push_back(key);
    }
    for (const auto &key : overstayed) {
        m_unschedulable.erase(key);
        toActive(key, m_items[key]);
    }
}

} // namespace cox::scheduler
