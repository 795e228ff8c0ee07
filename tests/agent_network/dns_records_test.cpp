// DnsMessage, DnsRecordTable and ResolvConf on plain data.
#include "dns/dns_message.h"
#include "dns/dns_record_table.h"
#include "dns/resolv_conf.h"
#include "dns_test_client.h"
#include "object_builders.h"

#include <gtest/gtest.h>

namespace cox::agent::dns {
namespace {

using agent::testing::makeEndpoints;
using agent::testing::makeService;

DnsRecordTable sampleTable() {
    auto web = makeService("default", "web").clusterIp("10.96.0.10").port("http", 80, 8080);
    auto db = makeService("shop", "db").clusterIp("None").port("pg", 5432, 5432);
    auto ext = makeService("default", "ext").type("ExternalName");
    auto dbEndpoints = makeEndpoints("shop", "db")
                           .ready("10.244.1.5", "db-0")
                           .ready("10.244.2.6")
                           .notReady("10.244.3.7")
                           .port("pg", 5432);
    return DnsRecordTable::build({web, db, ext}, {dbEndpoints}, "cluster.local",
                                 {{"default/ext", "example.org"}});
}

TEST(DnsRecordTable, ServiceNamesResolveToTheClusterIp) {
    auto table = sampleTable();
    auto found = table.lookup("web.default.svc.cluster.local", 1);
    EXPECT_EQ(found.rcode, Rcode::NoError);
    ASSERT_EQ(found.records.size(), 1u);
    EXPECT_EQ(found.records[0].address, "10.96.0.10");
    EXPECT_EQ(table.lookup("WEB.Default.svc.cluster.local.", 1).records.size(), 1u);
}

TEST(DnsRecordTable, HeadlessServicesResolveToReadyPodsAndHostnames) {
    auto table = sampleTable();
    auto found = table.lookup("db.shop.svc.cluster.local", 1);
    ASSERT_EQ(found.records.size(), 2u);
    EXPECT_EQ(found.records[0].address, "10.244.1.5");
    EXPECT_EQ(found.records[1].address, "10.244.2.6");
    auto pod = table.lookup("db-0.db.shop.svc.cluster.local", 1);
    ASSERT_EQ(pod.records.size(), 1u);
    EXPECT_EQ(pod.records[0].address, "10.244.1.5");
}

TEST(DnsRecordTable, SrvPodAndExternalNameRecords) {
    auto table = sampleTable();
    auto srv = table.lookup("_http._tcp.web.default.svc.cluster.local", 33);
    ASSERT_EQ(srv.records.size(), 1u);
    EXPECT_EQ(srv.records[0].port, 80);
    EXPECT_EQ(srv.records[0].target, "web.default.svc.cluster.local");
    auto pod = table.lookup("10-244-1-9.default.pod.cluster.local", 1);
    ASSERT_EQ(pod.records.size(), 1u);
    EXPECT_EQ(pod.records[0].address, "10.244.1.9");
    auto cname = table.lookup("ext.default.svc.cluster.local", 1);
    ASSERT_EQ(cname.records.size(), 1u);
    EXPECT_EQ(cname.records[0].type, RecordType::Cname);
    EXPECT_EQ(cname.records[0].target, "example.org");
}

TEST(DnsRecordTable, UnknownNamesAreNxdomainButParentsExist) {
    auto table = sampleTable();
    EXPECT_EQ(table.lookup("nope.default.svc.cluster.local", 1).rcode, Rcode::NxDomain);
    EXPECT_EQ(table.lookup("web.other.svc.cluster.local", 1).rcode, Rcode::NxDomain);
    for (const char *parent : {"default.svc.cluster.local", "svc.cluster.local", "cluster.local"}) {
        auto found = table.lookup(parent, 1);
        EXPECT_EQ(found.rcode, Rcode::NoError) << parent;
        EXPECT_TRUE(found.records.empty()) << parent;
    }
    // An A record name asked for AAAA: exists, no data (so resolvers do not give up on A).
    auto aaaa = table.lookup("web.default.svc.cluster.local", 28);
    EXPECT_EQ(aaaa.rcode, Rcode::NoError);
    EXPECT_TRUE(aaaa.records.empty());
    EXPECT_TRUE(table.inZone("cluster.local"));
    EXPECT_FALSE(table.inZone("notcluster.local"));
}

TEST(DnsMessage, AnswerRoundTripsThroughAParser) {
    auto query = agent::testing::buildQuery(7, "web.default.svc.cluster.local", 1);
    auto parsed = DnsMessage::parseQuery(query.data(), query.size());
    ASSERT_TRUE(parsed.isOk());
    EXPECT_EQ(parsed->id, 7);
    EXPECT_EQ(parsed->question.name, "web.default.svc.cluster.local");
    EXPECT_TRUE(parsed->recursionDesired());
    std::vector<DnsRecord> records = {
        {"web.default.svc.cluster.local", RecordType::A, 5, "10.96.0.10", {}, 0, 0, 0},
        {"web.default.svc.cluster.local", RecordType::A, 5, "10.96.0.11", {}, 0, 0, 0}};
    auto reply =
        agent::testing::parseReply(DnsMessage::answer(*parsed, Rcode::NoError, records, true));
    EXPECT_EQ(reply.id, 7);
    EXPECT_TRUE(reply.authoritative);
    EXPECT_EQ(reply.addresses, (std::vector<std::string>{"10.96.0.10", "10.96.0.11"}));
}

TEST(DnsMessage, LargeUdpAnswersAreTruncatedAndBadQueriesRejected) {
    auto query = agent::testing::buildQuery(9, "db.shop.svc.cluster.local", 1);
    auto parsed = DnsMessage::parseQuery(query.data(), query.size());
    ASSERT_TRUE(parsed.isOk());
    std::vector<DnsRecord> many;
    for (int i = 0; i < 60; ++i)
        many.push_back({"db.shop.svc.cluster.local",
                        RecordType::A,
                        5,
                        "10.244.1." + std::to_string(i),
                        {},
                        0,
                        0,
                        0});
    auto reply =
        agent::testing::parseReply(DnsMessage::answer(*parsed, Rcode::NoError, many, true, 512));
    EXPECT_TRUE(reply.truncated);
    EXPECT_TRUE(reply.addresses.empty());
    std::vector<uint8_t> junk = {1, 2, 3};
    EXPECT_FALSE(DnsMessage::parseQuery(junk.data(), junk.size()).isOk());
    query[5] = 2; // two questions
    EXPECT_FALSE(DnsMessage::parseQuery(query.data(), query.size()).isOk());
}

TEST(ResolvConf, PodContentAndHostNameservers) {
    EXPECT_EQ(ResolvConf::podContent("10.244.1.1", "shop", "cluster.local", {"corp.example"}),
              "nameserver 10.244.1.1\n"
              "search shop.svc.cluster.local svc.cluster.local cluster.local corp.example\n"
              "options ndots:5\n");
    std::string host = "# comment\nnameserver 127.0.0.53\nnameserver 10.255.255.53 # upstream\n"
                       "nameserver 1.1.1.1\nsearch corp.example lab.example\n";
    EXPECT_EQ(ResolvConf::nameservers(host),
              (std::vector<std::string>{"10.255.255.53", "1.1.1.1"}));
    EXPECT_EQ(ResolvConf::searchDomains(host),
              (std::vector<std::string>{"corp.example", "lab.example"}));
}

} // namespace
} // namespace cox::agent::dns
