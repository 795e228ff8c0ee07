// GarbageCollector: ownerReferences cascade, as Kubernetes' garbage collector does it.
//  - background: a dependent whose owners are all gone is deleted; references to owners that
//    are gone are dropped while another owner remains.
//  - foreground: an owner with the "foregroundDeletion" finalizer has its dependents deleted
//    (blockOwnerDeletion ones first, themselves in foreground); once no blocking dependent is
//    left the finalizer is removed and the owner goes.
//  - orphan: an owner with the "orphan" finalizer has its references removed from dependents,
//    then the finalizer.
// Owners are found by UID in the informers of the tracked types; an owner of an untracked kind
// is looked up through the API.
#pragma once

#include "controllers/controller.h"
#include "controllers/shared_informers.h"

#include <utility>
#include <vector>

namespace cox::controllers {

class GarbageCollector final : public Controller {
public:
    // `types` are (group, plural) pairs to track; the default covers pods, replicasets,
    // deployments, services, endpoints and configmaps.
    GarbageCollector(apiserver::ResourceService &api, SharedInformers &informers,
                     std::vector<std::pair<std::string, std::string>> types = {});
    ~GarbageCollector() override;

protected:
    Status reconcile(const std::string &key) override;

private:
    enum class OwnerState { Absent, Present, DeletingForeground };

    Status processDependent(Informer &informer, const Json &object);
    Status processOwner(Informer &informer, const Json &owner);
    Status orphanDependents(const Json &owner);
    Status deleteDependents(const Json &owner, bool &blockingLeft);
    Status removeFinalizer(Informer &informer, const Json &owner, const std::string &finalizer);
    OwnerState ownerState(const Json &dependent, const Json &ref);
    std::vector<std::pair<Informer *, ObjectPtr>> dependentsOf(const std::string &uid) const;
    Informer *informerFor(const std::string &id) const;
    void watch(Informer &informer, const std::string &id);

    apiserver::ResourceService &m_api;
    std::vector<std::pair<std::string, Informer *>> m_informers; // "group/plural" -> informer
};

} // namespace cox::controllers
