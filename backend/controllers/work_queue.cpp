// WorkQueue; see work_queue.h.
#include "controllers/work_queue.h"

#include <algorithm>
#include <cmath>

namespace cox::controllers {

WorkQueue::WorkQueue(Clock &clock, Backoff backoff)
    : m_clock(clock)
    , m_backoff(backoff) {}

void WorkQueue::addLocked(const std::string &key) {
    if (m_shutDown || m_dirty.count(key))
        return;
    m_dirty.insert(key);
    // A key in flight is re-queued by done(), so one key never runs on two workers.
    if (!m_processing.count(key))
        m_queue.push_back(key);
    m_cv.notify_one();
}

void WorkQueue::add(const std::string &key) {
    std::lock_guard lock(m_mutex);
    addLocked(key);
}

void WorkQueue::addAfter(const std::string &key, std::chrono::milliseconds delay) {
    if (delay.count() <= 0)
        return add(key);
    std::lock_guard lock(m_mutex);
    if (m_shutDown)
        return;
    WallTime due = m_clock.now() + delay;
    auto it = m_delayed.find(key);
    if (it == m_delayed.end() || due < it->second)
        m_delayed[key] = due;
    m_cv.notify_one();
}

void WorkQueue::addRateLimited(const std::string &key) {
    std::chrono::milliseconds delay;
    {
        std::lock_guard lock(m_mutex);
        int failures = m_failures[key]++;
        double factor = std::pow(2.0, std::min(failures, 40));
        double ms = std::min<double>(m_backoff.base.count() * factor, m_backoff.max.count());
        delay = std::chrono::milliseconds(static_cast<int64_t>(ms));
    }
    addAfter(key, delay);
}

void WorkQueue::forget(const std::string &key) {
    std::lock_guard lock(m_mutex);
    m_failures.erase(key);
}

int WorkQueue::numRequeues(const std::string &key) const {
    std::lock_guard lock(m_mutex);
    auto it = m_failures.find(key);
    return it == m_failures.end() ? 0 : it->second;
}

void WorkQueue::promoteDueLocked() {
    WallTime now = m_clock.now();
    for (auto it = m_delayed.begin(); it != m_delayed.end();) {
        if (it->second <= now) {
            addLocked(it->first);
            it = m_delayed.erase(it);
        } else {
            ++it;
        }
    }
}

std::optional<std::string> WorkQueue::popLocked() {
    promoteDueLocked();
    if (m_queue.empty())
        return std::nullopt;
    std::string key = std::move(m_queue.front());
    m_queue.pop_front();
    m_processing.insert(key);
    m_dirty.erase(key);
    return key;
}

std::optional<std::string> WorkQueue::tryGet() {
    std::lock_guard lock(m_mutex);
    if (m_shutDown)
        return std::nullopt;
    return popLocked();
}

std::optional<std::string> WorkQueue::get(std::chrono::milliseconds maxWait) {
    std::unique_lock lock(m_mutex);
    auto deadline = std::chrono::steady_clock::now() + maxWait;
    while (!m_shutDown) {
        if (auto key = popLocked())
            return key;
        auto wakeAt = deadline;
        if (!m_delayed.empty()) {
            // Delayed keys become due on the injected clock; with a real clock, sleep until then.
            WallTime first =
                std::min_element(m_delayed.begin(), m_delayed.end(), [](auto &a, auto &b) {
                    return a.second < b.second;
                })->second;
            auto untilDue = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                first - m_clock.now());
            wakeAt = std::min(wakeAt, std::chrono::steady_clock::now() + untilDue);
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return std::nullopt;
        m_cv.wait_until(lock, wakeAt);
    }
    return std::nullopt;
}

void WorkQueue::done(const std::string &key) {
    std::lock_guard lock(m_mutex);
    m_processing.erase(key);
    if (m_dirty.count(key)) {
        m_queue.push_back(key);
        m_cv.notify_one();
    }
}

void WorkQueue::shutDown() {
    std::lock_guard lock(m_mutex);
    m_shutDown = true;
    m_cv.notify_all();
}

bool WorkQueue::shuttingDown() const {
    std::lock_guard lock(m_mutex);
    return m_shutDown;
}

size_t WorkQueue::length() const {
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

size_t WorkQueue::delayedCount() const {
    std::lock_guard lock(m_mutex);
    return m_delayed.size();
}

std::optional<WallTime> WorkQueue::nextDelayed() const {
    std::lock_guard lock(m_mutex);
    std::optional<WallTime> first;
    for (const auto &[key, due] : m_delayed)
        if (!first || due < *first)
            first = due;
    return first;
}

} // namespace cox::controllers
