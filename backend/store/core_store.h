// CoreStore: the part of Store every backend shares: reads from the in-memory KeySpace, watches
// from the WatchHub, argument checks. A backend supplies submit(), which must run writes one
// batch at a time (a single writer path) and call publish() with each committed batch in order.
#pragma once

#include "store/key_space.h"
#include "store/operation.h"
#include "store/watch_hub.h"

#include <shared_mutex>

namespace cox::store {

class CoreStore : public Store {
public:
    ~CoreStore() override;

    Result<KeyValue> get(const std::string &key) override;
    Result<ListResult> list(const std::string &prefix, int64_t limit,
                            const std::string &startAfter) override;
    Result<KeyValue> create(const std::string &key, std::string value) override;
    Result<KeyValue> update(const std::string &key, std::string value,
                            int64_t expectedModRevision) override;
    Result<KeyValue> remove(const std::string &key, int64_t expectedModRevision) override;
    Result<std::unique_ptr<Watch>> watch(const std::string &prefix, int64_t afterRevision) override;
    int64_t revision() const override;
    int64_t compactedRevision() const override;
    Status compact(int64_t revision) override;

protected:
    CoreStore(KeySpace keys, const StoreOptions &options);

    // Performs one write durably and returns the committed event.
    virtual Result<Event> submit(Operation op) = 0;

    // For the single writer path only: the key's state as of the last published batch. Valid
    // until that writer's next publish().
    const KeyValue *current(std::string_view key) const { return m_keys.find(key); }
    int64_t currentRevision() const { return m_keys.revision(); }
    // Makes a committed batch visible to readers, then to watchers.
    void publish(const std::vector<Event> &events);
    // Ends all watches; a backend calls it before tearing down its writer.
    void shutdownWatches() { m_hub.shutdown(); }

private:
    mutable std::shared_mutex m_keysMutex; // writers: publish(); readers: get/list
    KeySpace m_keys;
    WatchHub m_hub;
};

} // namespace cox::store
