// GarbageCollector; see garbage_collector.h.
#include "controllers/garbage_collector.h"

#include "controllers/object_util.h"

#include <algorithm>

namespace cox::controllers {

namespace {
constexpr const char *kForeground = "foregroundDeletion";
constexpr const char *kOrphan = "orphan";

bool hasFinalizer(const Json &object, const std::string &name) {
    const Json &f = at(object, {"metadata", "finalizers"});
    return f.is_array() && std::find(f.begin(), f.end(), Json(name)) != f.end();
}

// Queue keys: "<d|o>|<group/plural>|<object key>", d = check as dependent, o = as owner.
std::string makeKey(char role, const std::string &id, const Json &object) {
    return std::string(1, role) + "|" + id + "|" + objectKey(object);
}
} // namespace

GarbageCollector::GarbageCollector(apiserver::ResourceService &api, SharedInformers &informers,
                                   std::vector<std::pair<std::string, std::string>> types)
    : Controller("garbage-collector", api.clock())
    , m_api(api) {
    if (types.empty())
        types = {{"", "pods"},     {"apps", "replicasets"}, {"apps", "deployments"},
                 {"", "services"}, {"", "endpoints"},       {"", "configmaps"}};
    for (const auto &[group, plural] : types)
        m_informers.emplace_back(group + "/" + plural, &informers.forResource(group, plural));
    for (const auto &[id, informer] : m_informers)
        watch(*informer, id);
}

GarbageCollector::~GarbageCollector() {
    stop();
}

void GarbageCollector::watch(Informer &informer, const std::string &id) {
    auto changed = [this, id](const Json &object) {
        if (!ownerRefsOf(object).empty())
            queue().add(makeKey('d', id, object));
        if (isTerminating(object) &&
            (hasFinalizer(object, kForeground) || hasFinalizer(object, kOrphan)))
            queue().add(makeKey('o', id, object));
    };
    auto deleted = [this](const Json &object) {
        // Its dependents may now be orphans; owners waiting in foreground may now finish.
        for (const auto &[informer, dependent] : dependentsOf(metaString(object, "uid")))
            for (const auto &[id, i] : m_informers)
                if (i == informer)
                    queue().add(makeKey('d', id, *dependent));
        for (const auto &ref : ownerRefsOf(object))
            for (const auto &[id, i] : m_informers)
                for (const auto &owner : i->byIndex(kIndexUid, ref.value("uid", std::string())))
                    queue().add(makeKey('o', id, *owner));
    };
    informer.addEventHandler(
        {changed, [changed](const Json &, const Json &n) { changed(n); }, deleted});
}

Informer *GarbageCollector::informerFor(const std::string &id) const {
    for (const auto &[name, informer] : m_informers)
        if (name == id)
            return informer;
    return nullptr;
}

std::vector<std::pair<Informer *, ObjectPtr>>
GarbageCollector::dependentsOf(const std::string &uid) const {
    std::vector<std::pair<Informer *, ObjectPtr>> out;
    if (uid.empty())
        return out;
    for (const auto &[id, informer] : m_informers)
        for (auto &object : informer->byIndex(kIndexOwnerUid, uid))
            out.emplace_back(informer, std::move(object));
    return out;
}

Status GarbageCollector::reconcile(const std::string &key) {
    auto first = key.find('|'), second = key.find('|', first + 1);
    if (first == std::string::npos || second == std::string::npos)
        return Status::ok();
    Informer *informer = informerFor(key.substr(first + 1, second - first - 1));
    if (!informer)
        return Status::ok();
    ObjectPtr object = informer->get(key.substr(second + 1));
    if (!object)
        return Status::ok();
    return key[0] == 'o' ? processOwner(*informer, *object) : processDependent(*informer, *object);
}

GarbageCollector::OwnerState GarbageCollector::ownerState(const Json &dependent, const Json &ref) {
    std::string uid = ref.value("uid", std::string());
    ObjectPtr owner;
    for (const auto &[id, informer] : m_informers) {
        auto found = informer->byIndex(kIndexUid, uid);
        if (!found.empty()) {
            owner = found.front();
            break;
        }
    }
    if (!owner) {
        // An owner of a kind we do not cache: ask the API, and compare UIDs (a new object with
        // the same name is not the owner).
        const auto *type = model::findKind(ref.value("apiVersion", std::string()),
                                           ref.value("kind", std::string()));
        if (!type)
            return OwnerState::Absent;
        bool tracked = std::any_of(m_informers.begin(), m_informers.end(),
                                   [&](const auto &p) { return &p.second->type() == type; });
        if (tracked)
            return OwnerState::Absent;
        auto ctx = controllerContext();
        auto live = m_api.get(*type, type->namespaced ? metaString(dependent, "namespace") : "",
                              ref.value("name", std::string()), ctx);
        if (!live || metaString(*live, "uid") != uid)
            return OwnerState::Absent;
        owner = std::make_shared<const Json>(std::move(*live));
    }
    if (isTerminating(*owner) && hasFinalizer(*owner, kForeground))
        return OwnerState::DeletingForeground;
    return OwnerState::Present;
}

Status GarbageCollector::processDependent(Informer &informer, const Json &object) {
    const Json &refs = ownerRefsOf(object);
    if (refs.empty())
        return Status::ok();
    Json kept = Json::array();
    bool anyForeground = false;
    for (const auto &ref : refs) {
        OwnerState state = ownerState(object, ref);
        if (state == OwnerState::Absent)
            continue;
        anyForeground = anyForeground || state == OwnerState::DeletingForeground;
        kept.push_back(ref);
    }
    auto ctx = controllerContext();
    const auto &type = informer.type();
    std::string ns = metaString(object, "namespace"), name = metaString(object, "name");
    if (kept.empty() || (anyForeground && kept.size() == refs.size() && !isTerminating(object))) {
        if (isTerminating(object) && !kept.empty())
            return Status::ok();
        apiserver::DeleteOptions opts;
        opts.preconditionUid = metaString(object, "uid");
        // Under a foreground owner, our own dependents must go before us too.
        opts.propagationPolicy = kept.empty() ? "Background" : "Foreground";
        auto removed = m_api.remove(type, ns, name, opts, ctx);
        if (!removed && removed.status().code() != StatusCode::NotFound)
            return removed.status();
        return Status::ok();
    }
    if (kept.size() == refs.size())
        return Status::ok();
    Json copy = object;
    copy["metadata"]["ownerReferences"] = kept;
    auto updated = m_api.update(type, ns, name, std::move(copy), ctx);
    if (!updated && updated.status().code() != StatusCode::NotFound)
        return updated.status();
    return Status::ok();
}

Status GarbageCollector::processOwner(Informer &informer, const Json &owner) {
    if (!isTerminating(owner))
        return Status::ok();
    if (hasFinalizer(owner, kOrphan)) {
        if (Status s = orphanDependents(owner); !s)
            return s;
        return removeFinalizer(informer, owner, kOrphan);
    }
    if (!hasFinalizer(owner, kForeground))
        return Status::ok();
    bool blockingLeft = false;
    if (Status s = deleteDependents(owner, blockingLeft); !s)
        return s;
    if (blockingLeft)
        return Status::ok(); // their deletion events bring us back
    return removeFinalizer(informer, owner, kForeground);
}

Status GarbageCollector::orphanDependents(const Json &owner) {
    std::string uid = metaString(owner, "uid");
    auto ctx = controllerContext();
    for (const auto &[informer, dependent] : dependentsOf(uid)) {
        Json copy = *dependent;
        Json kept = Json::array();
        for (const auto &ref : ownerRefsOf(*dependent))
            if (ref.value("uid", std::string()) != uid)
                kept.push_back(ref);
        copy["metadata"]["ownerReferences"] = kept;
        auto updated = m_api.update(informer->type(), metaString(*dependent, "namespace"),
                                    metaString(*dependent, "name"), std::move(copy), ctx);
        if (!updated && updated.status().code() != StatusCode::NotFound)
            return updated.status();
    }
    return Status::ok();
}

Status GarbageCollector::deleteDependents(const Json &owner, bool &blockingLeft) {
    std::string uid = metaString(owner, "uid");
    auto dependents = dependentsOf(uid);
    auto blocks = [&uid](const Json &dependent) {
        for (const auto &ref : ownerRefsOf(dependent))
            if (ref.value("uid", std::string()) == uid && ref.value("blockOwnerDeletion", false))
                return true;
        return false;
    };
    // Blocking dependents first: they are what the owner waits for.
    std::stable_partition(dependents.begin(), dependents.end(),
                          [&](const auto &p) { return blocks(*p.second); });
    auto ctx = controllerContext();
    for (const auto &[informer, dependent] : dependents) {
        bool blocking = blocks(*dependent);
        blockingLeft = blockingLeft || blocking;
        if (isTerminating(*dependent))
            continue;
        apiserver::DeleteOptions opts;
        opts.preconditionUid = metaString(*dependent, "uid");
        opts.propagationPolicy = blocking ? "Foreground" : "Background";
        auto removed = m_api.remove(informer->type(), metaString(*dependent, "namespace"),
                                    metaString(*dependent, "name"), opts, ctx);
        if (!removed && removed.status().code() != StatusCode::NotFound)
            return removed.status();
    }
    return Status::ok();
}

Status GarbageCollector::removeFinalizer(Informer &informer, const Json &owner,
                                         const std::string &finalizer) {
    Json copy = owner;
    Json kept = Json::array();
    for (const auto &f : at(owner, {"metadata", "finalizers"}))
        if (f != finalizer)
            kept.push_back(f);
    copy["metadata"]["finalizers"] = kept;
    auto ctx = controllerContext();
    auto updated = m_api.update(informer.type(), metaString(owner, "namespace"),
                                metaString(owner, "name"), std::move(copy), ctx);
    if (!updated && updated.status().code() != StatusCode::NotFound)
        return updated.status();
    return Status::ok();
}

} // namespace cox::controllers
