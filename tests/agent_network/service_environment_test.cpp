// ServiceEnvironment: Kubernetes' service variables, docker-link style, per namespace.
#include "object_builders.h"
#include "proxy/service_environment.h"

#include <gtest/gtest.h>

#include <map>

namespace cox::agent::proxy {
namespace {

using testing::makeService;

TEST(ServiceEnvironment, DockerLinkStyleVariables) {
    auto redis = makeService("default", "redis-primary")
                     .clusterIp("10.96.0.11")
                     .port("redis", 6379, 6379)
                     .port("", 9121, 9121, 0, "UDP");
    auto vars = ServiceEnvironment::build({redis}, "default");
    std::map<std::string, std::string> env(vars.begin(), vars.end());
    EXPECT_EQ(env.size(), vars.size()) << "no duplicates";
    EXPECT_EQ(env["REDIS_PRIMARY_SERVICE_HOST"], "10.96.0.11");
    EXPECT_EQ(env["REDIS_PRIMARY_SERVICE_PORT"], "6379");
    EXPECT_EQ(env["REDIS_PRIMARY_SERVICE_PORT_REDIS"], "6379");
    EXPECT_EQ(env["REDIS_PRIMARY_PORT"], "tcp://10.96.0.11:6379");
    EXPECT_EQ(env["REDIS_PRIMARY_PORT_6379_TCP"], "tcp://10.96.0.11:6379");
    EXPECT_EQ(env["REDIS_PRIMARY_PORT_6379_TCP_PROTO"], "tcp");
    EXPECT_EQ(env["REDIS_PRIMARY_PORT_6379_TCP_PORT"], "6379");
    EXPECT_EQ(env["REDIS_PRIMARY_PORT_6379_TCP_ADDR"], "10.96.0.11");
    EXPECT_EQ(env["REDIS_PRIMARY_PORT_9121_UDP"], "udp://10.96.0.11:9121");
    EXPECT_EQ(vars.size(), 12u);
}

TEST(ServiceEnvironment, OnlyThisNamespaceAndOnlyServicesWithAClusterIp) {
    auto other = makeService("kube-system", "dns").clusterIp("10.96.0.10").port("dns", 53, 53);
    auto headless = makeService("default", "db").clusterIp("None").port("pg", 5432, 5432);
    auto b = makeService("default", "b").clusterIp("10.96.0.2").port("http", 80, 80);
    auto a = makeService("default", "a").clusterIp("10.96.0.1").port("http", 80, 80);
    auto vars = ServiceEnvironment::build({other, headless, b, a}, "default");
    ASSERT_FALSE(vars.empty());
    EXPECT_EQ(vars.front().first, "A_SERVICE_HOST") << "services in name order";
    for (const auto &[name, value] : vars) {
        EXPECT_EQ(name.rfind("DNS_", 0), std::string::npos) << name;
        EXPECT_EQ(name.rfind("DB_", 0), std::string::npos) << name;
    }
}

} // namespace
} // namespace cox::agent::proxy
