// Informer; see informer.h.
#include "controllers/informer.h"

#include "common/log.h"
#include "controllers/object_util.h"

namespace cox::controllers {

Informer::Informer(apiserver::ResourceService &api, const model::ResourceType &type)
    : m_api(api)
    , m_type(type) {
    m_indexFuncs[kIndexNamespace] = [](const Json &o) {
        return std::vector<std::string>{metaString(o, "namespace")};
    };
    m_indexFuncs[kIndexUid] = [](const Json &o) {
        return std::vector<std::string>{metaString(o, "uid")};
    };
    m_indexFuncs[kIndexOwnerUid] = [](const Json &o) {
        std::vector<std::string> uids;
        for (const auto &ref : ownerRefsOf(o))
            if (ref.is_object() && ref.contains("uid") && ref["uid"].is_string())
                uids.push_back(ref["uid"].get<std::string>());
        return uids;
    };
}

Informer::~Informer() {
    stop();
}

void Informer::addEventHandler(EventHandlers handlers) {
    std::lock_guard handlerLock(m_handlerMutex);
    if (handlers.onAdd)
        for (const auto &object : list())
            handlers.onAdd(*object);
    m_handlers.push_back(std::move(handlers));
}

void Informer::addIndexer(const std::string &name, IndexFunc func) {
    std::lock_guard lock(m_mutex);
    m_indexFuncs[name] = std::move(func);
    for (const auto &[key, object] : m_items)
        for (const auto &value : m_indexFuncs[name](*object))
            m_indexes[name][value].insert(key);
}

void Informer::indexLocked(const std::string &key, const Json &object, bool add) {
    for (const auto &[name, func] : m_indexFuncs) {
        auto &index = m_indexes[name];
        for (const auto &value : func(object)) {
            if (add) {
                index[value].insert(key);
                continue;
            }
            auto it = index.find(value);
            if (it == index.end())
                continue;
            it->second.erase(key);
            if (it->second.empty())
                index.erase(it);
        }
    }
}

Informer::Change Informer::upsertLocked(ObjectPtr object) {
    std::string key = objectKey(*object);
    auto it = m_items.find(key);
    if (it == m_items.end()) {
        indexLocked(key, *object, true);
        m_items.emplace(key, object);
        return {Change::Kind::Add, nullptr, object};
    }
    ObjectPtr old = it->second;
    indexLocked(key, *old, false);
    indexLocked(key, *object, true);
    it->second = object;
    return {Change::Kind::Update, old, object};
}

ObjectPtr Informer::eraseLocked(const std::string &key) {
    auto it = m_items.find(key);
    if (it == m_items.end())
        return nullptr;
    ObjectPtr old = it->second;
    indexLocked(key, *old, false);
    m_items.erase(it);
    return old;
}

Result<int> Informer::relist() {
    auto ctx = controllerContext();
    auto listed = m_api.list(m_type, "", {}, ctx);
    if (!listed)
        return listed.status();
    std::string revision = stringAt(*listed, {"metadata", "resourceVersion"});
    std::vector<Change> changes;
    {
        std::lock_guard lock(m_mutex);
        std::set<std::string> seen;
        for (const auto &item : (*listed)["items"]) {
            auto object = std::make_shared<const Json>(item);
            std::string key = objectKey(*object);
            seen.insert(key);
            auto it = m_items.find(key);
            if (it != m_items.end() && metaString(*it->second, "resourceVersion") ==
                                           metaString(*object, "resourceVersion"))
                continue;
            changes.push_back(upsertLocked(object));
        }
        std::vector<std::string> gone;
        for (const auto &[key, object] : m_items)
            if (!seen.count(key))
                gone.push_back(key);
        for (const auto &key : gone)
            changes.push_back({Change::Kind::Delete, eraseLocked(key), nullptr});
    }
    apiserver::WatchOptions opts;
    opts.resourceVersion = revision.empty() ? "0" : revision;
    auto watch = m_api.watch(m_type, "", opts, ctx);
    if (!watch)
        return watch.status();
    m_watch = std::move(*watch);
    m_synced = true;
    dispatch(changes);
    return static_cast<int>(changes.size());
}

Result<int> Informer::pump(std::chrono::milliseconds timeout) {
    if (!m_watch)
        return relist();
    auto events = m_watch->next(timeout);
    if (!events) {
        m_watch.reset();
        if (events.status().code() == StatusCode::Gone)
            return relist();
        return events.status();
    }
    std::vector<Change> changes;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &event : *events) {
            if (event.type == apiserver::WatchEventType::Bookmark)
                continue;
            auto object = std::make_shared<const Json>(event.object());
            if (event.type == apiserver::WatchEventType::Deleted) {
                if (auto old = eraseLocked(objectKey(*object)))
                    changes.push_back({Change::Kind::Delete, old, nullptr});
                continue;
            }
            changes.push_back(upsertLocked(object));
        }
    }
    dispatch(changes);
    return static_cast<int>(changes.size());
}

void Informer::dispatch(const std::vector<Change> &changes) {
    std::lock_guard handlerLock(m_handlerMutex);
    for (const auto &change : changes) {
        for (const auto &h : m_handlers) {
            if (change.kind == Change::Kind::Add && h.onAdd)
                h.onAdd(*change.newObject);
            else if (change.kind == Change::Kind::Update && h.onUpdate)
                h.onUpdate(*change.oldObject, *change.newObject);
            else if (change.kind == Change::Kind::Delete && h.onDelete)
                h.onDelete(*change.oldObject);
        }
    }
}

void Informer::start() {
    if (m_running.exchange(true))
        return;
    m_thread = std::thread([this] {
        while (m_running) {
            auto pumped = pump(std::chrono::milliseconds(200));
            if (!pumped) {
                COX_LOG(Warn, "informer")
                    << m_type.plural << ": " << pumped.status().message() << "; retrying";
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
            }
        }
    });
}

void Informer::stop() {
    if (!m_running.exchange(false))
        return;
    if (m_thread.joinable())
        m_thread.join();
}

bool Informer::hasSynced() const {
    return m_synced;
}

ObjectPtr Informer::get(const std::string &key) const {
    std::lock_guard lock(m_mutex);
    auto it = m_items.find(key);
    return it == m_items.end() ? nullptr : it->second;
}

std::vector<ObjectPtr> Informer::list() const {
    std::lock_guard lock(m_mutex);
    std::vector<ObjectPtr> out;
    out.reserve(m_items.size());
    for (const auto &[key, object] : m_items)
        out.push_back(object);
    return out;
}

std::vector<ObjectPtr> Informer::byIndex(const std::string &index, const std::string &value) const {
    std::lock_guard lock(m_mutex);
    std::vector<ObjectPtr> out;
    auto idx = m_indexes.find(index);
    if (idx == m_indexes.end())
        return out;
    auto keys = idx->second.find(value);
    if (keys == idx->second.end())
        return out;
    for (const auto &key : keys->second)
        out.push_back(m_items.at(key));
    return out;
}

} // namespace cox::controllers
