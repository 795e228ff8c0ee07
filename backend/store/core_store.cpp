#include "store/core_store.h"

#include <mutex>

namespace cox::store {
namespace {

Status checkKey(const std::string &key) {
    if (key.empty())
        return Status(StatusCode::BadRequest, "store key must not be empty");
    return Status::ok();
}

Result<KeyValue> kvOf(Result<Event> event) {
    if (!event)
        return event.status();
    return std::move(event.value().kv);
}

} // namespace

CoreStore::CoreStore(KeySpace keys, const StoreOptions &options)
    : m_keys(std::move(keys))
    , m_hub(m_keys.revision(), options.historyEvents, options.watchQueueEvents) {}

CoreStore::~CoreStore() = default;

Result<KeyValue> CoreStore::get(const std::string &key) {
    std::shared_lock lock(m_keysMutex);
    const KeyValue *kv = m_keys.find(key);
    if (!kv)
        return Status(StatusCode::NotFound, "key " + key + " not found");
    return *kv;
}

Result<ListResult> CoreStore::list(const std::string &prefix, int64_t limit,
                                   const std::string &startAfter) {
    if (limit < 0)
        return Status(StatusCode::BadRequest, "list limit must not be negative");
    std::shared_lock lock(m_keysMutex);
    return m_keys.list(prefix, limit, startAfter);
}

Result<KeyValue> CoreStore::create(const std::string &key, std::string value) {
    if (Status s = checkKey(key); !s)
        return s;
    auto shared = std::make_shared<const std::string>(std::move(value));
    return kvOf(submit(Operation{OpKind::Create, key, std::move(shared), 0}));
}

Result<KeyValue> CoreStore::update(const std::string &key, std::string value,
                                   int64_t expectedModRevision) {
    if (Status s = checkKey(key); !s)
        return s;
    auto shared = std::make_shared<const std::string>(std::move(value));
    return kvOf(submit(Operation{OpKind::Update, key, std::move(shared), expectedModRevision}));
}

Result<KeyValue> CoreStore::remove(const std::string &key, int64_t expectedModRevision) {
    if (Status s = checkKey(key); !s)
        return s;
    return kvOf(submit(Operation{OpKind::Remove, key, nullptr, expectedModRevision}));
}

Result<std::unique_ptr<Watch>> CoreStore::watch(const std::string &prefix, int64_t afterRevision) {
    return m_hub.subscribe(prefix, afterRevision);
}

int64_t CoreStore::revision() const {
    std::shared_lock lock(m_keysMutex);
    return m_keys.revision();
}

int64_t CoreStore::compactedRevision() const {
    return m_hub.compactedRevision();
}

Status CoreStore::compact(int64_t revision) {
    return m_hub.compact(revision);
}

void CoreStore::publish(const std::vector<Event> &events) {
    {
        std::unique_lock lock(m_keysMutex);
        for (const Event &event : events)
            m_keys.apply(event);
    }
    m_hub.publish(events);
}

} // namespace cox::store
