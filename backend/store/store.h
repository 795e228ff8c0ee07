// Store: the one revisioned key-value interface the control plane persists through, shaped after
// what etcd v3 offers (a global revision, ranges, compare-and-swap on a key's mod revision, watch
// from a revision) so an etcd backend fits behind it unchanged.
//
// Keys are paths like "/registry/pods/default/web-1"; values are the encoded object (JSON text).
// Values are shared immutable strings: a value is encoded once per revision and handed to every
// list and watch reader without copying.
//
// Thread-safety: every method may be called from any thread concurrently.
//
// Implementation (backend/store/*.cpp): both backends share one in-memory core (CoreStore): the
// current key space in a sorted map, so get/list never touch disk, and a WatchHub holding a ring
// of recent events plus one bounded queue per watcher. Revisions are contiguous (a failed write
// consumes none), so the ring is indexed by revision and a replay is a slice of it.
// The sqlite backend keeps only current state on disk (deleted keys are removed, so the file stays
// bounded by live data) and the current revision in the same transaction. Writers queue their
// operation and a single committer thread validates a whole batch against memory, writes it in one
// transaction with one fsync (group commit), then publishes and acknowledges. History is not kept
// on disk: after a restart watches can start only at the reopened revision (older -> Gone), which
// is what Kubernetes clients already handle by re-listing.
#pragma once

#include "common/result.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cox::store {

using Value = std::shared_ptr<const std::string>;

struct KeyValue {
    std::string key;
    Value value;                // never null for a live key
    int64_t createRevision = 0; // revision of the create that made this key
    int64_t modRevision = 0;    // revision of the last write to this key
};

enum class EventType { Put, Delete };

struct Event {
    EventType type = EventType::Put;
    // For Put: the new state. For Delete: the key's last value, with modRevision = the revision
    // of the delete itself.
    KeyValue kv;
    Value prevValue; // the value before this event; null on create
    bool isCreate() const { return type == EventType::Put && !prevValue; }
};

struct ListResult {
    std::vector<KeyValue> items; // sorted by key
    int64_t revision = 0;        // the store revision the list is consistent with
    bool more = false;           // true when `limit` cut the list; continue after the last key
};

// A stream of events for one prefix, delivered in revision order with no gaps or duplicates.
// Each watch has a bounded buffer: a watcher that falls too far behind is closed (next() returns
// Gone) rather than slowing writers; the client then re-lists, as with Kubernetes.
class Watch {
public:
    virtual ~Watch() = default;
    // Waits up to `timeout` for events. An empty vector means the timeout passed. An error Status
    // means the watch ended: Gone (fell behind / compacted) or Unavailable (store closed).
    virtual Result<std::vector<Event>> next(std::chrono::milliseconds timeout) = 0;
    // Ends the watch; a blocked next() returns promptly. Idempotent.
    virtual void close() = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // NotFound when absent.
    virtual Result<KeyValue> get(const std::string &key) = 0;
    // Keys starting with `prefix`, sorted; at most `limit` (0 = all) starting after `startAfter`.
    virtual Result<ListResult> list(const std::string &prefix, int64_t limit = 0,
                                    const std::string &startAfter = {}) = 0;
    // AlreadyExists when the key is live. Returns the stored KeyValue (with its new revision)
    // once the write is durable.
    virtual Result<KeyValue> create(const std::string &key, std::string value) = 0;
    // Compare-and-swap: NotFound when absent, Conflict when the key's modRevision differs from
    // `expectedModRevision`.
    virtual Result<KeyValue> update(const std::string &key, std::string value,
                                    int64_t expectedModRevision) = 0;
    // Deletes the key; `expectedModRevision` 0 = unconditional. Returns the deleted KeyValue with
    // modRevision set to the delete's revision.
    virtual Result<KeyValue> remove(const std::string &key, int64_t expectedModRevision = 0) = 0;
    // Events for keys under `prefix` with revision > `afterRevision`. `afterRevision` 0 = from now.
    // Gone when `afterRevision` is older than the retained history.
    virtual Result<std::unique_ptr<Watch>> watch(const std::string &prefix,
                                                 int64_t afterRevision) = 0;
    // The latest committed revision.
    virtual int64_t revision() const = 0;
    // The oldest revision a watch may still start after.
    virtual int64_t compactedRevision() const = 0;
    // Drops history up to `revision` (watches from before it get Gone).
    virtual Status compact(int64_t revision) = 0;
};

// Tuning shared by every backend.
struct StoreOptions {
    size_t historyEvents = 100000;   // events kept for watches that start in the past
    size_t watchQueueEvents = 10000; // undelivered events a watcher may hold before it gets Gone
};

// Opens a backend by URI: "memory://" or "sqlite:///abs/path/state.db". Errors are clear and
// final: an unknown scheme, an unreadable path, a corrupt database (never silently repaired).
Result<std::unique_ptr<Store>> openStore(const std::string &uri);
Result<std::unique_ptr<Store>> openStore(const std::string &uri, const StoreOptions &options);

} // namespace cox::store
