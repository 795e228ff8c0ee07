// EndpointsController: for each Service with a selector, an Endpoints object of the same name
// listing the matching pods: ready ones in `addresses`, the others in `notReadyAddresses`
// (podIP, nodeName, targetRef), with ports resolved from each service port's targetPort (a number,
// or a container port name looked up per pod). Pods without an IP, finished or terminating pods
// are left out. The Endpoints object goes when the Service does.
#pragma once

#include "controllers/controller.h"
#include "controllers/shared_informers.h"

namespace cox::controllers {

class EndpointsController final : public Controller {
public:
    EndpointsController(apiserver::ResourceService &api, SharedInformers &informers);
    ~EndpointsController() override;

protected:
    Status reconcile(const std::string &key) override;

private:
    Json desiredSubsets(const Json &service) const;
    void enqueueServicesFor(const Json &pod);

    apiserver::ResourceService &m_api;
    Informer &m_services;
    Informer &m_pods;
    Informer &m_endpoints;
};

} // namespace cox::controllers
