#include "metrics_fixture.h"

#include "controlplane/control_plane.h"
#include "process.h"
#include "tls/ssl_context.h"

#include <gtest/gtest.h>

namespace cox::console::testing {

using namespace std::chrono_literals;

agent::metrics::Usage usageNow(uint64_t nanoCores, uint64_t bytes) {
    agent::metrics::Usage u;
    u.time = std::chrono::system_clock::now();
    u.window = 5s;
    u.cpuNanoCores = nanoCores;
    u.memoryWorkingSetBytes = bytes;
    return u;
}

std::unique_ptr<http::Server> serveWithClusterCertificate(const std::string &pkiDir,
                                                          http::Handler handler) {
    auto ssl = tls::makeServerContext(cox::testing::readFile(pkiDir + "/server.crt"),
                                      cox::testing::readFile(pkiDir + "/server.key"),
                                      cox::testing::readFile(pkiDir + "/ca.crt"));
    EXPECT_TRUE(ssl) << ssl.status().message();
    if (!ssl)
        return nullptr;
    http::ServerConfig config;
    config.sslContext = *ssl;
    config.handler = std::move(handler);
    auto server = std::make_unique<http::Server>(std::move(config));
    const bool started = server->start().isOk();
    EXPECT_TRUE(started);
    return started ? std::move(server) : nullptr;
}

void MetricsClusterFixture::configurePlane(controlplane::ControlPlaneConfig &config) {
    config.metricsScrapeInterval = 200ms;
    config.controllers.nodeLifecycle.gracePeriod = 1h;
}

void MetricsClusterFixture::addNode(const std::string &name, uint16_t port) {
    createNode(name, "4", "8Gi");
    Json status = {{"addresses", {{{"type", "InternalIP"}, {"address", "127.0.0.1"}}}},
                   {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", port}}}}}};
    ASSERT_EQ(call("PATCH", "/api/v1/nodes/" + name + "/status", {{"status", status}},
                   "application/merge-patch+json")
                  .first,
              200);
}

} // namespace cox::console::testing
