// Expectations; see expectations.h.
#include "controllers/expectations.h"

namespace cox::controllers {

Expectations::Expectations(Clock &clock, std::chrono::seconds ttl)
    : m_clock(clock)
    , m_ttl(ttl) {}

void Expectations::expectCreations(const std::string &controllerKey, int count) {
    std::lock_guard lock(m_mutex);
    auto &r = m_records[controllerKey];
    r.creations += count;
    r.since = m_clock.now();
}

void Expectations::expectDeletions(const std::string &controllerKey,
                                   const std::set<std::string> &podKeys) {
    std::lock_guard lock(m_mutex);
    auto &r = m_records[controllerKey];
    r.deletions.insert(podKeys.begin(), podKeys.end());
    r.since = m_clock.now();
}

void Expectations::creationObserved(const std::string &controllerKey) {
    std::lock_guard lock(m_mutex);
    auto it = m_records.find(controllerKey);
    if (it != m_records.end() && it->second.creations > 0)
        --it->second.creations;
}

void Expectations::deletionObserved(const std::string &controllerKey, const std::string &podKey) {
    std::lock_guard lock(m_mutex);
    auto it = m_records.find(controllerKey);
    if (it != m_records.end())
        it->second.deletions.erase(podKey);
}

bool Expectations::satisfied(const std::string &controllerKey) const {
    std::lock_guard lock(m_mutex);
    auto it = m_records.find(controllerKey);
    if (it == m_records.end())
        return true;
    const Record &r = it->second;
    if (r.creations <= 0 && r.deletions.empty())
        return true;
    return m_clock.now() - r.since > m_ttl;
}

void Expectations::forget(const std::string &controllerKey) {
    std::lock_guard lock(m_mutex);
    m_records.erase(controllerKey);
}

} // namespace cox::controllers
