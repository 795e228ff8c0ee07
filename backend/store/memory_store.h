// MemoryStore: the CoreStore with no disk behind it, for tests and throwaway clusters. Writes are
// serialised by one mutex, which is the whole "single writer path" CoreStore asks for.
#pragma once

#include "store/core_store.h"

#include <mutex>

namespace cox::store {

class MemoryStore final : public CoreStore {
public:
    explicit MemoryStore(const StoreOptions &options = {});
    ~MemoryStore() override;

protected:
    Result<Event> submit(Operation op) override;

private:
    std::mutex m_writeMutex;
};

} // namespace cox::store
