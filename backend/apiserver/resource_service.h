// ResourceService: the Kubernetes REST semantics as a C++ API. The HTTP layer decodes requests into
// these calls and encodes their answers; the scheduler and controllers call the same service
// in-process, so every writer gets the same defaulting, validation, admission and revision rules.
//
// Objects are JSON with apiVersion/kind/metadata; resourceVersion is the store's modRevision.
// Thread-safety: every method may be called concurrently from any thread.
#pragma once

#include "apiserver/api_errors.h"
#include "apiserver/model_adapter.h"
#include "auth/user.h"
#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace cox::apiserver {

class ServiceAllocator;
class NamespaceReaper;

// Who calls and where error details and warnings go.
struct CallContext {
    auth::UserInfo user;
    ErrorDetails *details = nullptr; // filled on error when set
    std::vector<std::string> *warnings = nullptr;
};

struct WriteOptions {
    bool dryRun = false;
};

struct ListOptions {
    std::string labelSelector;
    std::string fieldSelector;
    int64_t limit = 0; // 0 = everything
    std::string continueToken;
};

// Items are the stored values (encode with appendWithRevision), already filtered.
struct ListPage {
    std::vector<store::KeyValue> items;
    int64_t revision = 0;
    std::string continueToken;
    std::optional<int64_t> remainingItemCount;
};

// The {Kind}List JSON text of a page: items spliced from stored text, never re-encoded.
std::string encodeList(const model::ResourceType &type, const ListPage &page);

struct DeleteOptions {
    std::optional<int64_t> gracePeriodSeconds;
    std::string propagationPolicy; // "", "Orphan", "Background", "Foreground"
    std::string preconditionUid;
    std::string preconditionResourceVersion;
    bool dryRun = false;
};

struct DeleteOutcome {
    Json object;          // the deleted object, or its terminating state
    bool removed = false; // false when deletion is pending (finalizers, graceful pod)
};

enum class WatchEventType { Added, Modified, Deleted, Bookmark, Error };
const char *watchEventTypeName(WatchEventType type);

struct WatchEvent {
    WatchEventType type = WatchEventType::Added;
    store::Value value;             // stored text of the object (for Deleted: its last state)
    int64_t revision = 0;           // the object's resourceVersion for this event
    Json object() const;            // parsed, with resourceVersion
    std::string objectText() const; // the stored text with resourceVersion
};

struct WatchOptions {
    std::string labelSelector;
    std::string fieldSelector;
    // "" or "0": synthetic ADDED events for the current state, then changes. "N": changes after N.
    std::string resourceVersion;
    bool sendInitialEvents = false;
};

// A running watch. next() waits up to `timeout`; an empty vector means nothing happened. Gone
// means the client must re-list (410 Expired).
class ResourceWatch {
public:
    virtual ~ResourceWatch() = default;
    virtual Result<std::vector<WatchEvent>> next(std::chrono::milliseconds timeout) = 0;
    virtual int64_t lastRevision() const = 0;
    virtual void close() = 0;
};

struct ResourceServiceConfig {
    store::Store *store = nullptr;
    Clock *clock = nullptr;
    std::string serviceCidr = "10.43.0.0/16";
    std::pair<int, int> nodePortRange{30000, 32767};
};

class ResourceService {
public:
    using Type = model::ResourceType;
    // Answers `create` on a virtual resource (ResourceType::virtualCreate): gets the decoded body,
    // returns the response object. Nothing is stored by the service itself.
    using CreateHandler =
        std::function<Result<Json>(const std::string &ns, Json object, const CallContext &ctx)>;
    // Runs before validation on every create of a stored kind; may fill fields (status) or
    // refuse with a Status that reaches the client as is.
    using CreateAdmission =
        std::function<Status(const std::string &ns, Json &object, const CallContext &ctx)>;

    explicit ResourceService(ResourceServiceConfig config);
    ~ResourceService();
    ResourceService(const ResourceService &) = delete;
    ResourceService &operator=(const ResourceService &) = delete;

    Result<Json> create(const Type &type, const std::string &ns, Json object,
                        const CallContext &ctx, const WriteOptions &opts = {});
    Result<Json> get(const Type &type, const std::string &ns, const std::string &name,
                     const CallContext &ctx);
    Result<ListPage> listRaw(const Type &type, const std::string &ns, const ListOptions &opts,
                             const CallContext &ctx);
    // The same as a {Kind}List object.
    Result<Json> list(const Type &type, const std::string &ns, const ListOptions &opts,
                      const CallContext &ctx);
    // PUT on the main resource: status changes are ignored when the kind has a status subresource.
    Result<Json> update(const Type &type, const std::string &ns, const std::string &name,
                        Json object, const CallContext &ctx, const WriteOptions &opts = {});
    // PUT on /status: only status changes.
    Result<Json> updateStatus(const Type &type, const std::string &ns, const std::string &name,
                              Json object, const CallContext &ctx, const WriteOptions &opts = {});
    // `subresource` "" or "status". Retries internally on write conflicts.
    Result<Json> patch(const Type &type, const std::string &ns, const std::string &name,
                       PatchType patchType, std::string_view patch, const CallContext &ctx,
                       const WriteOptions &opts = {}, const std::string &subresource = {});
    Result<DeleteOutcome> remove(const Type &type, const std::string &ns, const std::string &name,
                                 const DeleteOptions &opts, const CallContext &ctx);
    // Deletes every object matching the selectors; returns what was deleted (or marked).
    Result<Json> removeCollection(const Type &type, const std::string &ns,
                                  const ListOptions &selectors, const DeleteOptions &opts,
                                  const CallContext &ctx);
    Result<std::unique_ptr<ResourceWatch>> watch(const Type &type, const std::string &ns,
                                                 const WatchOptions &opts, const CallContext &ctx);

    // Subresources.
    Result<Json> getScale(const Type &type, const std::string &ns, const std::string &name,
                          const CallContext &ctx);
    Result<Json> updateScale(const Type &type, const std::string &ns, const std::string &name,
                             const Json &scale, const CallContext &ctx, const WriteOptions &opts);
    Result<Json> patchScale(const Type &type, const std::string &ns, const std::string &name,
                            PatchType patchType, std::string_view patch, const CallContext &ctx,
                            const WriteOptions &opts);
    Result<Json> bind(const std::string &ns, const std::string &podName, const Json &binding,
                      const CallContext &ctx, const WriteOptions &opts);
    Result<Json> evict(const std::string &ns, const std::string &podName, const Json &eviction,
                       const CallContext &ctx);

    // Registered at start-up; a request that arrives before its handler gets 404.
    void setCreateHandler(const Type &type, CreateHandler handler);
    void setCreateAdmission(const Type &type, CreateAdmission admission);

    // Store key of an object, and the prefix of a (namespace's) collection.
    static std::string keyFor(const Type &type, const std::string &ns, const std::string &name);
    static std::string prefixFor(const Type &type, const std::string &ns);

    store::Store &store() { return *m_store; }
    Clock &clock() { return *m_clock; }
    // Runs pending namespace deletions now (tests; normally a background thread does it).
    void drainNamespaceDeletions();

private:
    friend class NamespaceReaper;
    using Mutator = std::function<Status(Json &object)>;
    struct Stored {
        Json object;
        store::KeyValue kv;
    };

    Result<Stored> load(const Type &type, const std::string &ns, const std::string &name);
    // Read-modify-write with CAS retries; `mutate` sees the current object. An unchanged object
    // is returned without a write. Objects whose deletion is due are removed instead.
    // `verb` and `subresource` are what node restriction admission sees.
    Result<Json> guaranteedUpdate(const Type &type, const std::string &ns, const std::string &name,
                                  const CallContext &ctx, const WriteOptions &opts,
                                  const std::string &verb, const std::string &subresource,
                                  const Mutator &mutate);
    // nullopt when the compare-and-swap lost a race (the caller retries).
    // `subresource` "binding" validates the pod as a whole instead of as a spec update.
    Result<std::optional<Json>> writeUpdate(const Type &type, const Stored &current, Json updated,
                                            const CallContext &ctx, const WriteOptions &opts,
                                            const std::string &subresource);
    CreateAdmission admissionFor(const Type &type) const;
    Result<Json> createVirtual(const Type &type, const std::string &ns, Json object,
                               const CallContext &ctx);
    Status checkNamespace(const Type &type, const std::string &ns, bool creating);
    // A node may read a Secret, ConfigMap or PVC only when a pod bound to it refers to it
    // (node_read_restriction.h); everyone else passes.
    Status admitNodeRead(const Type &type, const std::string &ns, const std::string &name,
                         const CallContext &ctx);
    Status prepareCreate(const Type &type, const std::string &ns, Json &object,
                         const CallContext &ctx);
    Result<Json> finishDelete(const Type &type, const Stored &current, const CallContext &ctx);
    Status admitServiceCreate(Json &object, const CallContext &ctx);
    void releaseServiceResources(const Json &service);
    Result<DeleteOutcome> markDeleting(const Type &type, const Stored &current,
                                       const DeleteOptions &opts, const CallContext &ctx);

    store::Store *m_store;
    Clock *m_clock;
    std::unique_ptr<ServiceAllocator> m_allocator;
    std::unique_ptr<NamespaceReaper> m_reaper;
    mutable std::shared_mutex m_hooksMutex;
    std::map<const Type *, CreateHandler> m_createHandlers;
    std::map<const Type *, CreateAdmission> m_createAdmissions;
};

} // namespace cox::apiserver
