// SharedInformers: one Informer per resource type, shared by every controller that asks for it,
// so N controllers watching pods cost one watch and one cache.
#pragma once

#include "controllers/informer.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cox::controllers {

// Index of pods by spec.nodeName (the pods SharedInformers builds carry it).
inline constexpr const char *kIndexNodeName = "node";

class SharedInformers {
public:
    explicit SharedInformers(apiserver::ResourceService &api);
    ~SharedInformers();

    // The informer of `group`/`plural`, created on first use.
    Informer &forResource(const std::string &group, const std::string &plural);
    Informer &pods() { return forResource("", "pods"); }
    Informer &replicaSets() { return forResource("apps", "replicasets"); }
    Informer &deployments() { return forResource("apps", "deployments"); }

    void start();
    void stop();
    bool hasSynced() const;
    // Pumps every informer once without waiting; returns the number of cache changes.
    int pumpAll();
    std::vector<Informer *> all() const;

private:
    apiserver::ResourceService &m_api;
    mutable std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<Informer>> m_informers;
    bool m_started = false;
};

} // namespace cox::controllers
