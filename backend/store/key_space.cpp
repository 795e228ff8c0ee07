#include "store/key_space.h"

#include <cassert>

namespace cox::store {

const KeyValue *KeySpace::find(std::string_view key) const {
    auto it = m_items.find(key);
    return it == m_items.end() ? nullptr : &it->second;
}

ListResult KeySpace::list(const std::string &prefix, int64_t limit,
                          const std::string &startAfter) const {
    ListResult result;
    result.revision = m_revision;
    auto it = startAfter.empty() || startAfter < prefix ? m_items.lower_bound(prefix)
                                                        : m_items.upper_bound(startAfter);
    for (; it != m_items.end() && it->first.starts_with(prefix); ++it) {
        if (limit > 0 && static_cast<int64_t>(result.items.size()) == limit) {
            result.more = true;
            break;
        }
        result.items.push_back(it->second);
    }
    return result;
}

void KeySpace::load(KeyValue kv) {
    std::string key = kv.key;
    m_items.insert_or_assign(m_items.end(), std::move(key), std::move(kv));
}

void KeySpace::apply(const Event &event) {
    assert(event.kv.modRevision > m_revision && "events must be applied in revision order");
    if (event.type == EventType::Delete)
        m_items.erase(event.kv.key);
    else
        m_items.insert_or_assign(event.kv.key, event.kv);
    m_revision = event.kv.modRevision;
}

} // namespace cox::store
