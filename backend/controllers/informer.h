// Informer: a list-then-watch mirror of one resource type through ResourceService, kept in an
// indexed in-memory cache, with add/update/delete handlers (client-go's SharedIndexInformer).
// Objects are handed out as shared_ptr<const Json>: the cache is shared by every controller, so
// nobody mutates it - copy, change, then write through the API.
//
// Drive it either with start()/stop() (a thread) or, in tests, by calling pump() until it reports
// nothing new. A watch that fails with Gone (410) is replaced by a fresh list that is diffed
// against the cache, so handlers still see every delete that happened in between.
#pragma once

#include "apiserver/resource_service.h"
#include "model/json.h"
#include "model/resource_type.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace cox::controllers {

using Json = model::Json;
using ObjectPtr = std::shared_ptr<const Json>;

struct EventHandlers {
    std::function<void(const Json &object)> onAdd;
    std::function<void(const Json &oldObject, const Json &newObject)> onUpdate;
    std::function<void(const Json &object)> onDelete;
};

// Index names every informer maintains.
inline constexpr const char *kIndexNamespace = "namespace";
inline constexpr const char *kIndexOwnerUid = "owner-uid"; // every ownerReference uid
inline constexpr const char *kIndexUid = "uid";

class Informer {
public:
    using IndexFunc = std::function<std::vector<std::string>(const Json &)>;

    Informer(apiserver::ResourceService &api, const model::ResourceType &type);
    ~Informer();
    Informer(const Informer &) = delete;
    Informer &operator=(const Informer &) = delete;

    // Handlers registered after the initial list get synthetic adds for the cached objects.
    void addEventHandler(EventHandlers handlers);
    // Register before the first pump(); index values are exact-match keys.
    void addIndexer(const std::string &name, IndexFunc func);

    // One step: the initial (re)list, or one batch of watch events (waiting up to `timeout`).
    // Returns how many objects changed in the cache; errors are returned and retried next call.
    Result<int> pump(std::chrono::milliseconds timeout);
    void start();
    void stop();
    bool hasSynced() const;

    ObjectPtr get(const std::string &key) const;
    std::vector<ObjectPtr> list() const;
    std::vector<ObjectPtr> byIndex(const std::string &index, const std::string &value) const;
    const model::ResourceType &type() const { return m_type; }

private:
    struct Change {
        enum class Kind { Add, Update, Delete } kind;
        ObjectPtr oldObject;
        ObjectPtr newObject;
    };
    Result<int> relist();
    Change upsertLocked(ObjectPtr object);
    ObjectPtr eraseLocked(const std::string &key);
    void indexLocked(const std::string &key, const Json &object, bool add);
    void dispatch(const std::vector<Change> &changes);

    apiserver::ResourceService &m_api;
    const model::ResourceType &m_type;
    mutable std::mutex m_mutex; // cache and indexes
    std::mutex m_handlerMutex;  // handlers, and the order they see events in
    std::vector<EventHandlers> m_handlers;
    std::map<std::string, IndexFunc> m_indexFuncs;
    std::map<std::string, ObjectPtr> m_items;
    std::map<std::string, std::map<std::string, std::set<std::string>>> m_indexes;
    std::unique_ptr<apiserver::ResourceWatch> m_watch;
    std::atomic<bool> m_synced{false};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

} // namespace cox::controllers
