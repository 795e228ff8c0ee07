// What the console's metrics tests share: a control plane scraping every 200 ms, nodes whose
// kubelet endpoint is a fake agent on 127.0.0.1, and that fake agent's HTTPS server (the
// cluster's serving certificate, which the scraper trusts) with usage samples stamped now.
#pragma once

#include "cluster_fixture.h"

#include "http/server.h"
#include "metrics/summary_format.h"

#include <memory>

namespace cox::console::testing {

// A sample of `nanoCores` CPU and `bytes` memory, taken now over a 5 s window.
agent::metrics::Usage usageNow(uint64_t nanoCores, uint64_t bytes);

// An HTTPS server on 127.0.0.1 presenting the cluster's serving certificate from `pkiDir`,
// answering with `handler`; nullptr (and a test failure) if it cannot start.
std::unique_ptr<http::Server> serveWithClusterCertificate(const std::string &pkiDir,
                                                          http::Handler handler);

class MetricsClusterFixture : public ClusterFixture {
protected:
    // The fixture's plane, scraping every 200 ms so samples come quickly; the fake agents renew
    // no Lease and the scraper skips NotReady nodes, so nodes stay Ready for the test's length.
    void configurePlane(controlplane::ControlPlaneConfig &config) override;
    // A Ready node whose kubelet endpoint is `port` on 127.0.0.1 (1: nothing listens there).
    void addNode(const std::string &name, uint16_t port);
};

} // namespace cox::console::testing
