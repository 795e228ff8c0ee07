#include "store/operation.h"

namespace cox::store {
namespace {

Status conflict(const KeyValue &current, int64_t expected) {
    return Status(StatusCode::Conflict, "key " + current.key + " has mod revision " +
                                            std::to_string(current.modRevision) + ", expected " +
                                            std::to_string(expected));
}

Status notFound(const std::string &key) {
    return Status(StatusCode::NotFound, "key " + key + " not found");
}

} // namespace

Result<Event> applyOperation(const Operation &op, const KeyValue *current, int64_t revision) {
    Event event;
    switch (op.kind) {
    case OpKind::Create:
        if (current)
            return Status(StatusCode::AlreadyExists, "key " + op.key + " already exists");
        event.type = EventType::Put;
        event.kv = KeyValue{op.key, op.value, revision, revision};
        return event;
    case OpKind::Update:
        if (!current)
            return notFound(op.key);
        if (current->modRevision != op.expectedModRevision)
            return conflict(*current, op.expectedModRevision);
        event.type = EventType::Put;
        event.kv = KeyValue{op.key, op.value, current->createRevision, revision};
        event.prevValue = current->value;
        return event;
    case OpKind::Remove:
        if (!current)
            return notFound(op.key);
        if (op.expectedModRevision != 0 && current->modRevision != op.expectedModRevision)
            return conflict(*current, op.expectedModRevision);
        event.type = EventType::Delete;
        event.kv = KeyValue{op.key, current->value, current->createRevision, revision};
        event.prevValue = current->value;
        return event;
    }
    return Status(StatusCode::Internal, "unknown store operation");
}

} // namespace cox::store
