// DnsServer over real UDP and TCP on loopback: cluster names answered from the table,
// NXDOMAIN, forwarding to an upstream started by the test, SERVFAIL when the upstream is
// silent, truncation to TCP, and table swaps while queries are in flight.
#include "dns/dns_server.h"
#include "dns_test_client.h"
#include "object_builders.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace cox::agent::dns {
namespace {

using agent::testing::makeEndpoints;
using agent::testing::makeService;
using agent::testing::queryTcp;
using agent::testing::queryUdp;

std::shared_ptr<DnsRecordTable> clusterTable(const std::string &webIp, int dbPods = 2) {
    auto web = makeService("default", "web").clusterIp(webIp).port("http", 80, 8080);
    auto db = makeService("shop", "db").clusterIp("None").port("pg", 5432, 5432);
    auto endpoints = makeEndpoints("shop", "db").port("pg", 5432);
    for (int i = 0; i < dbPods; ++i)
        endpoints.ready("10.244.1." + std::to_string(i + 1));
    return std::make_shared<DnsRecordTable>(DnsRecordTable::build({web, db}, {endpoints}));
}

class DnsServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        DnsServerOptions upstreamOptions;
        upstreamOptions.port = 0;
        m_upstream = std::make_unique<DnsServer>(upstreamOptions);
        auto zone = std::make_shared<DnsRecordTable>("example.org");
        zone->addA("www.example.org", "93.184.216.34");
        m_upstream->setRecords(zone);
        ASSERT_TRUE(m_upstream->start().isOk());
        startCluster({"127.0.0.1:" + std::to_string(m_upstream->port())});
    }

    void startCluster(std::vector<std::string> upstreams) {
        DnsServerOptions options;
        options.port = 0;
        options.upstreams = std::move(upstreams);
        options.upstreamTimeout = std::chrono::milliseconds(300);
        m_cluster = std::make_unique<DnsServer>(options);
        m_cluster->setRecords(clusterTable("10.96.0.10"));
        ASSERT_TRUE(m_cluster->start().isOk());
        ASSERT_NE(m_cluster->port(), 0);
    }

    std::unique_ptr<DnsServer> m_upstream;
    std::unique_ptr<DnsServer> m_cluster;
};

TEST_F(DnsServerTest, AnswersServiceNamesOverUdpAndTcp) {
    for (auto reply : {queryUdp("127.0.0.1", m_cluster->port(), "web.default.svc.cluster.local"),
                       queryTcp("127.0.0.1", m_cluster->port(), "web.default.svc.cluster.local")}) {
        ASSERT_TRUE(reply.received);
        EXPECT_EQ(reply.rcode, 0);
        EXPECT_TRUE(reply.authoritative);
        EXPECT_EQ(reply.addresses, std::vector<std::string>{"10.96.0.10"});
    }
    auto srv =
        queryUdp("127.0.0.1", m_cluster->port(), "_http._tcp.web.default.svc.cluster.local", 33);
    EXPECT_EQ(srv.srvPorts, std::vector<uint16_t>{80});
    EXPECT_EQ(m_cluster->forwarded(), 0u);
}

TEST_F(DnsServerTest, UnknownClusterNamesAreNxdomain) {
    auto reply = queryUdp("127.0.0.1", m_cluster->port(), "nope.default.svc.cluster.local");
    ASSERT_TRUE(reply.received);
    EXPECT_EQ(reply.rcode, 3);
    EXPECT_TRUE(reply.authoritative);
    EXPECT_EQ(m_cluster->forwarded(), 0u) << "the cluster zone is never forwarded";
}

TEST_F(DnsServerTest, ForwardsOtherNamesToTheUpstream) {
    auto udp = queryUdp("127.0.0.1", m_cluster->port(), "www.example.org");
    ASSERT_TRUE(udp.received);
    EXPECT_EQ(udp.addresses, std::vector<std::string>{"93.184.216.34"});
    auto tcp = queryTcp("127.0.0.1", m_cluster->port(), "WWW.example.org");
    EXPECT_EQ(tcp.addresses, std::vector<std::string>{"93.184.216.34"});
    auto missing = queryUdp("127.0.0.1", m_cluster->port(), "nothing.example.org");
    EXPECT_EQ(missing.rcode, 3) << "the upstream's NXDOMAIN is passed through";
    EXPECT_EQ(m_cluster->forwarded(), 3u);
    EXPECT_EQ(m_upstream->answered(), 3u);
}

TEST_F(DnsServerTest, SilentUpstreamGivesServfail) {
    int silent = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    ::getsockname(silent, reinterpret_cast<sockaddr *>(&addr), &length);
    startCluster({"127.0.0.1:" + std::to_string(ntohs(addr.sin_port))});
    auto reply = queryUdp("127.0.0.1", m_cluster->port(), "www.example.org");
    ::close(silent);
    ASSERT_TRUE(reply.received);
    EXPECT_EQ(reply.rcode, 2);
    // Without any upstream, other names fail at once rather than hang.
    startCluster({});
    EXPECT_EQ(queryUdp("127.0.0.1", m_cluster->port(), "www.example.org").rcode, 2);
}

TEST_F(DnsServerTest, BigAnswersTruncateOnUdpAndFitOnTcp) {
    m_cluster->setRecords(clusterTable("10.96.0.10", 60));
    auto udp = queryUdp("127.0.0.1", m_cluster->port(), "db.shop.svc.cluster.local");
    EXPECT_TRUE(udp.truncated);
    auto tcp = queryTcp("127.0.0.1", m_cluster->port(), "db.shop.svc.cluster.local");
    EXPECT_FALSE(tcp.truncated);
    EXPECT_EQ(tcp.addresses.size(), 60u);
}

TEST_F(DnsServerTest, TableSwapsAreAtomicUnderLoad) {
    auto before = clusterTable("10.96.0.10");
    auto after = clusterTable("10.96.0.99");
    std::atomic<bool> done{false};
    std::thread swapper([&] {
        for (int i = 0; i < 400 && !done; ++i) {
            m_cluster->setRecords(i % 2 ? before : after);
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    std::atomic<int> good{0}, bad{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t)
        clients.emplace_back([&] {
            for (int i = 0; i < 40; ++i) {
                auto reply =
                    queryUdp("127.0.0.1", m_cluster->port(), "web.default.svc.cluster.local");
                bool ok = reply.addresses.size() == 1 && (reply.addresses[0] == "10.96.0.10" ||
                                                          reply.addresses[0] == "10.96.0.99");
                ++(ok ? good : bad);
            }
        });
    for (auto &client : clients)
        client.join();
    done = true;
    swapper.join();
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(good.load(), 160);
    m_cluster->setRecords(after);
    EXPECT_EQ(queryTcp("127.0.0.1", m_cluster->port(), "web.default.svc.cluster.local").addresses,
              std::vector<std::string>{"10.96.0.99"});
}

TEST(DnsServerBind, FreeBindListensOnAnAddressNotYetConfigured) {
    DnsServerOptions options;
    options.listenAddress = "192.0.2.53"; // TEST-NET-1, on no interface here
    options.port = 0;
    DnsServer strict(options);
    EXPECT_FALSE(strict.start().isOk());
    options.freeBind = true;
    DnsServer early(options);
    EXPECT_TRUE(early.start().isOk());
    EXPECT_NE(early.port(), 0);
}

} // namespace
} // namespace cox::agent::dns
