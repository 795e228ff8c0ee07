#include "store/memory_store.h"

namespace cox::store {

MemoryStore::MemoryStore(const StoreOptions &options)
    : CoreStore(KeySpace(1), options) {}

MemoryStore::~MemoryStore() {
    shutdownWatches();
}

Result<Event> MemoryStore::submit(Operation op) {
    std::lock_guard lock(m_writeMutex);
    Result<Event> event = applyOperation(op, current(op.key), currentRevision() + 1);
    if (event)
        publish({event.value()});
    return event;
}

} // namespace cox::store
