// KeySpace: the current state of every live key, sorted, plus the revision it reflects. It is the
// read side of every backend (get/list never touch disk). Not thread-safe: CoreStore guards it.
#pragma once

#include "store/store.h"

#include <map>
#include <string_view>

namespace cox::store {

class KeySpace {
public:
    explicit KeySpace(int64_t revision = 1)
        : m_revision(revision) {}

    // Null when absent. The pointer is valid until the next apply().
    const KeyValue *find(std::string_view key) const;
    ListResult list(const std::string &prefix, int64_t limit, const std::string &startAfter) const;
    // Adds a key read from disk at open; does not move the revision.
    void load(KeyValue kv);
    // Applies a committed event and advances the revision to it.
    void apply(const Event &event);

    int64_t revision() const { return m_revision; }
    size_t size() const { return m_items.size(); }

private:
    std::map<std::string, KeyValue, std::less<>> m_items;
    int64_t m_revision;
};

} // namespace cox::store
