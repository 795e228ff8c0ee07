#include "apiserver/namespace_reaper.h"

#include "apiserver/object_codec.h"
#include "apiserver/object_meta.h"
#include "apiserver/resource_service.h"
#include "common/log.h"

namespace cox::apiserver {

namespace {
// Content created while a namespace turned Terminating is caught by a later pass.
constexpr int kReapPasses = 3;
} // namespace

NamespaceReaper::NamespaceReaper(ResourceService &service)
    : m_service(service)
    , m_thread([this] { run(); }) {}

NamespaceReaper::~NamespaceReaper() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void NamespaceReaper::schedule(const std::string &ns) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(ns);
    }
    m_wake.notify_all();
}

void NamespaceReaper::drain() {
    while (true) {
        std::string ns;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                break;
            ns = m_queue.front();
            m_queue.pop_front();
        }
        reap(ns);
    }
    // Wait for a reap the thread may have in progress.
    std::lock_guard wait(m_reapMutex);
}

void NamespaceReaper::run() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        std::string ns = m_queue.front();
        m_queue.pop_front();
        lock.unlock();
        reap(ns);
        lock.lock();
    }
}

void NamespaceReaper::reap(const std::string &ns) {
    std::lock_guard reaping(m_reapMutex);
    store::Store &store = m_service.store();
    for (int pass = 0; pass < kReapPasses; ++pass) {
        bool any = false;
        for (const model::ResourceType *type : model::resourceTypes()) {
            if (!type->namespaced)
                continue;
            auto listed = store.list(ResourceService::prefixFor(*type, ns));
            if (!listed)
                continue;
            for (const auto &kv : listed->items) {
                any = true;
                auto removed = store.remove(kv.key);
                if (removed && type->group.empty() && type->plural == "services")
                    m_service.releaseServiceResources(decodeStored(kv));
            }
        }
        if (!any)
            break;
    }
    const model::ResourceType *nsType = model::findResource("", "v1", "namespaces");
    if (!nsType)
        return;
    auto kv = store.get(ResourceService::keyFor(*nsType, "", ns));
    if (!kv)
        return;
    // Only a namespace that is still being deleted goes (not one re-created meanwhile).
    if (metaString(decodeStored(*kv), "deletionTimestamp").empty())
        return;
    auto removed = store.remove(kv->key, kv->modRevision);
    if (!removed) {
        COX_LOG(Warn, "apiserver")
            << "namespace " << ns << " not removed: " << removed.status().message();
    }
}

} // namespace cox::apiserver
