// PodDns: resolv.conf settings per dnsPolicy/dnsConfig (kubelet's rules), service links switch.
#include "agent/node_network.h"
#include "agent/pod_dns.h"

#include <gtest/gtest.h>

namespace cox::agent {
namespace {

const PodDnsContext kContext{"10.42.1.1", "cluster.local",
                             "nameserver 192.0.2.53\nnameserver 127.0.0.53\n"
                             "search corp.example\noptions edns0 ndots:2\n"};

Json pod(Json spec, const std::string &ns = "shop") {
    return {{"metadata", {{"namespace", ns}, {"name", "p"}}}, {"spec", std::move(spec)}};
}

using Strings = std::vector<std::string>;

TEST(PodDnsTest, ClusterFirstIsTheDefault) {
    PodDnsSettings s = PodDns::settings(pod(Json::object()), kContext);
    EXPECT_EQ(s.servers, Strings{"10.42.1.1"});
    EXPECT_EQ(s.searches, (Strings{"shop.svc.cluster.local", "svc.cluster.local", "cluster.local",
                                   "corp.example"}));
    EXPECT_EQ(s.options, Strings{"ndots:5"});
}

TEST(PodDnsTest, HostNetworkFallsBackToDefaultUnlessWithHostNet) {
    PodDnsSettings host = PodDns::settings(pod({{"hostNetwork", true}}), kContext);
    EXPECT_EQ(host.servers, (Strings{"192.0.2.53", "127.0.0.53"}));
    PodDnsSettings withHostNet = PodDns::settings(
        pod({{"hostNetwork", true}, {"dnsPolicy", "ClusterFirstWithHostNet"}}), kContext);
    EXPECT_EQ(withHostNet.servers, Strings{"10.42.1.1"});
}

TEST(PodDnsTest, DefaultCopiesTheNodeResolvConf) {
    PodDnsSettings s = PodDns::settings(pod({{"dnsPolicy", "Default"}}), kContext);
    EXPECT_EQ(s.servers, (Strings{"192.0.2.53", "127.0.0.53"}));
    EXPECT_EQ(s.searches, Strings{"corp.example"});
    EXPECT_EQ(s.options, (Strings{"edns0", "ndots:2"}));
}

TEST(PodDnsTest, NoneTakesOnlyDnsConfig) {
    Json config = {{"nameservers", {"1.1.1.1"}},
                   {"searches", {"a.example"}},
                   {"options", {{{"name", "ndots"}, {"value", "1"}}, {{"name", "rotate"}}}}};
    PodDnsSettings s =
        PodDns::settings(pod({{"dnsPolicy", "None"}, {"dnsConfig", config}}), kContext);
    EXPECT_EQ(s.servers, Strings{"1.1.1.1"});
    EXPECT_EQ(s.searches, Strings{"a.example"});
    EXPECT_EQ(s.options, (Strings{"ndots:1", "rotate"}));
}

TEST(PodDnsTest, DnsConfigMergesIntoClusterFirst) {
    Json config = {{"nameservers", {"10.42.1.1", "9.9.9.9"}},
                   {"searches", {"svc.cluster.local", "b.example"}},
                   {"options", {{{"name", "ndots"}, {"value", "2"}}}}};
    PodDnsSettings s = PodDns::settings(pod({{"dnsConfig", config}}), kContext);
    EXPECT_EQ(s.servers, (Strings{"10.42.1.1", "9.9.9.9"}));
    EXPECT_EQ(s.searches.back(), "b.example");
    EXPECT_EQ(s.searches.size(), 5u);
    EXPECT_EQ(s.options, Strings{"ndots:2"});
}

TEST(PodDnsTest, SearchListIsCappedAtSix) {
    PodDnsContext context = kContext;
    context.hostResolvConf = "nameserver 192.0.2.53\nsearch a b c d e f\n";
    EXPECT_EQ(PodDns::settings(pod(Json::object()), context).searches.size(), 6u);
}

TEST(PodDnsTest, ServiceLinksDefaultOn) {
    EXPECT_TRUE(PodDns::serviceLinks(pod(Json::object())));
    EXPECT_TRUE(PodDns::serviceLinks(pod({{"enableServiceLinks", true}})));
    EXPECT_FALSE(PodDns::serviceLinks(pod({{"enableServiceLinks", false}})));
}

TEST(PodDnsTest, FirstHostAddressIsTheBridgeGateway) {
    EXPECT_EQ(firstHostAddress("10.42.3.0/24"), "10.42.3.1");
    EXPECT_EQ(firstHostAddress("10.42.3.77/24"), "10.42.3.1");
    EXPECT_EQ(firstHostAddress("10.42.0.0"), "");
    EXPECT_EQ(firstHostAddress("bogus/24"), "");
}

} // namespace
} // namespace cox::agent
