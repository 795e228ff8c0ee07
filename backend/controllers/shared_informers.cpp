// SharedInformers; see shared_informers.h.
#include "controllers/shared_informers.h"

#include "common/log.h"
#include "controllers/object_util.h"

namespace cox::controllers {

SharedInformers::SharedInformers(apiserver::ResourceService &api)
    : m_api(api) {}

SharedInformers::~SharedInformers() {
    stop();
}

Informer &SharedInformers::forResource(const std::string &group, const std::string &plural) {
    std::lock_guard lock(m_mutex);
    std::string id = group + "/" + plural;
    auto it = m_informers.find(id);
    if (it != m_informers.end())
        return *it->second;
    auto informer = std::make_unique<Informer>(m_api, resourceType(group.c_str(), plural.c_str()));
    if (group.empty() && plural == "pods")
        informer->addIndexer(kIndexNodeName, [](const Json &pod) {
            return std::vector<std::string>{stringAt(pod, {"spec", "nodeName"})};
        });
    Informer &ref = *informer;
    m_informers.emplace(id, std::move(informer));
    if (m_started)
        ref.start();
    return ref;
}

void SharedInformers::start() {
    std::lock_guard lock(m_mutex);
    m_started = true;
    for (auto &[id, informer] : m_informers)
        informer->start();
}

void SharedInformers::stop() {
    std::lock_guard lock(m_mutex);
    m_started = false;
    for (auto &[id, informer] : m_informers)
        informer->stop();
}

bool SharedInformers::hasSynced() const {
    std::lock_guard lock(m_mutex);
    for (const auto &[id, informer] : m_informers)
        if (!informer->hasSynced())
            return false;
    return true;
}

int SharedInformers::pumpAll() {
    int changed = 0;
    for (Informer *informer : all()) {
        auto n = informer->pump(std::chrono::milliseconds(0));
        if (!n) {
            COX_LOG(Warn, "informer") << informer->type().plural << ": " << n.status().message();
            continue;
        }
        changed += *n;
    }
    return changed;
}

std::vector<Informer *> SharedInformers::all() const {
    std::lock_guard lock(m_mutex);
    std::vector<Informer *> out;
    for (const auto &[id, informer] : m_informers)
        out.push_back(informer.get());
    return out;
}

} // namespace cox::controllers
