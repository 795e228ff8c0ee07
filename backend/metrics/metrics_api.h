// MetricsApi: metrics.k8s.io/v1beta1 as metrics-server serves it, from the MetricsStore:
//   nodes  (NodeMetrics, cluster-scoped)  get, list with labelSelector
//   pods   (PodMetrics, namespaced)       get, list in a namespace or all, with labelSelector
//                                         and fieldSelector (applied to the Pod objects)
// Labels, selectors and existence come from the stored Node and Pod objects, usage from the
// store; an object without a sample is left out of lists and is 404 on get, as metrics-server
// does. CPU is written in nanocores ("12345n"), memory in Ki, what kubectl top parses.
#pragma once

#include "apiserver/api_extension.h"
#include "apiserver/resource_service.h"
#include "metrics/metrics_store.h"

namespace cox::metrics {

class MetricsApi : public apiserver::ApiExtension {
public:
    MetricsApi(apiserver::ResourceService &service, const MetricsStore &store, const Clock &clock);

    std::string group() const override { return "metrics.k8s.io"; }
    std::string version() const override { return "v1beta1"; }
    model::Json resources() const override;
    void serve(const http::Request &request, const apiserver::RequestInfo &info,
               const auth::UserInfo &user, http::ResponseSink &sink) override;

    // The JSON objects (exposed for tests).
    model::Json nodeMetrics(const model::Json &node, const NodeUsage &usage) const;
    model::Json podMetrics(const model::Json &pod, const PodUsage &usage) const;

private:
    Result<model::Json> getNode(const std::string &name) const;
    Result<model::Json> listNodes(const http::Request &request) const;
    Result<model::Json> getPod(const std::string &ns, const std::string &name) const;
    Result<model::Json> listPods(const http::Request &request, const std::string &ns) const;

    apiserver::ResourceService &m_service;
    const MetricsStore &m_store;
    const Clock &m_clock;
};

} // namespace cox::metrics
