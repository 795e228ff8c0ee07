// Expectations: what a controller has asked the API for and not yet seen in its informer cache.
// Without them a reconcile that runs before the informer delivers its own creates would create
// the same pods again. Creations are counted, deletions tracked by pod key (a pod may be seen
// terminating and then deleted, which must count once). Expectations older than the TTL are
// ignored, so a lost watch event cannot wedge a controller forever.
#pragma once

#include "common/clock.h"

#include <map>
#include <mutex>
#include <set>
#include <string>

namespace cox::controllers {

class Expectations {
public:
    explicit Expectations(Clock &clock, std::chrono::seconds ttl = std::chrono::minutes(5));

    void expectCreations(const std::string &controllerKey, int count);
    void expectDeletions(const std::string &controllerKey, const std::set<std::string> &podKeys);
    void creationObserved(const std::string &controllerKey);
    void deletionObserved(const std::string &controllerKey, const std::string &podKey);
    // True when nothing is outstanding (or the record expired): safe to compute a new diff.
    bool satisfied(const std::string &controllerKey) const;
    void forget(const std::string &controllerKey);

private:
    struct Record {
        int creations = 0;
        std::set<std::string> deletions;
        WallTime since;
    };
    Clock &m_clock;
    const std::chrono::seconds m_ttl;
    mutable std::mutex m_mutex;
    std::map<std::string, Record> m_records;
};

} // namespace cox::controllers
