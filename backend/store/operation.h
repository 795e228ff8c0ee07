// Operation: one write request (create, update, delete) and the single rule that turns it into an
// Event against the key's current state. Every backend validates through applyOperation(), so a
// conflict reads the same whichever store is behind the API.
#pragma once

#include "store/store.h"

namespace cox::store {

enum class OpKind { Create, Update, Remove };

struct Operation {
    OpKind kind = OpKind::Create;
    std::string key;
    Value value;                     // null for Remove
    int64_t expectedModRevision = 0; // Update: required; Remove: 0 = unconditional
};

// `current` is null when the key is absent. On success the event carries `revision`; on failure
// the Status is AlreadyExists, NotFound or Conflict and no revision is consumed.
Result<Event> applyOperation(const Operation &op, const KeyValue *current, int64_t revision);

} // namespace cox::store
