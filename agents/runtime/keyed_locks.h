// KeyedLocks: one mutex per sandbox or container id, made on first use, so calls on the same
// object serialise while calls on different objects run in parallel. Entries live as long as
// the runtime (ids are few and small).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cox::agent {

class KeyedLocks {
public:
    std::shared_ptr<std::mutex> forKey(const std::string &key) {
        std::lock_guard guard(m_mutex);
        auto &lock = m_locks[key];
        if (!lock)
            lock = std::make_shared<std::mutex>();
        return lock;
    }

private:
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<std::mutex>> m_locks;
};

} // namespace cox::agent
