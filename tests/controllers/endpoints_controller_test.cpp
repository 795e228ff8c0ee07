// EndpointsController: ready and unready addresses, named and numeric target ports, updates as
// pods change, deletion with the service.
#include "controllers/endpoints_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

const Labels kApp = {{"app", "web"}};

struct EndpointsFixture : ::testing::Test {
    Harness h;
    EndpointsController &ec = h.add<EndpointsController>(*h.api, *h.informers);

    void createService() {
        h.create(
            "", "services",
            Json{{"apiVersion", "v1"},
                 {"kind", "Service"},
                 {"metadata", {{"name", "web"}, {"namespace", "default"}}},
                 {"spec",
                  {{"selector", labelsJson(kApp)},
                   {"ports",
                    Json::array({{{"name", "http"}, {"port", 80}, {"targetPort", "http"}},
                                 {{"name", "metrics"}, {"port", 9090}, {"targetPort", 9100}}})}}}});
    }
    void pod(const std::string &name, const Labels &labels, const std::string &ip, bool ready) {
        h.create("", "pods", makePod(name, labels));
        h.bindPod("default", name, "n1");
        if (!ip.empty())
            h.setPodReady("default", name, ready, ip);
    }
    Json endpoints() { return h.get("", "endpoints", "default", "web"); }
    std::vector<std::string> ips(const char *list) {
        std::vector<std::string> out;
        for (const auto &subset : endpoints().value("subsets", Json::array()))
            for (const auto &a : subset.value(list, Json::array()))
                out.push_back(a["ip"]);
        return out;
    }
};

TEST_F(EndpointsFixture, ListsReadyAndUnreadyPodsWithResolvedPorts) {
    createService();
    pod("a", kApp, "10.42.0.5", true);
    pod("b", kApp, "10.42.0.6", false);
    pod("no-ip", kApp, "", false);
    pod("other", {{"app", "db"}}, "10.42.0.7", true);
    h.runUntilIdle();
    EXPECT_EQ(ips("addresses"), std::vector<std::string>{"10.42.0.5"});
    EXPECT_EQ(ips("notReadyAddresses"), std::vector<std::string>{"10.42.0.6"});
    Json subset = endpoints()["subsets"][0];
    Json a = subset["addresses"][0];
    EXPECT_EQ(a["nodeName"], "n1");
    EXPECT_EQ(a["targetRef"]["kind"], "Pod");
    EXPECT_EQ(a["targetRef"]["name"], "a");
    std::map<std::string, int> ports;
    for (const auto &p : subset["ports"])
        ports[p["name"]] = p["port"];
    EXPECT_EQ(ports["http"], 8080) << "named targetPort resolves to the container port";
    EXPECT_EQ(ports["metrics"], 9100);
}

TEST_F(EndpointsFixture, FollowsPodsAsTheyComeAndGo) {
    createService();
    pod("a", kApp, "10.42.0.5", true);
    pod("b", kApp, "10.42.0.6", false);
    h.runUntilIdle();
    h.setPodReady("default", "b", true, "10.42.0.6");
    h.runUntilIdle();
    EXPECT_EQ(ips("addresses"), (std::vector<std::string>{"10.42.0.5", "10.42.0.6"}));
    EXPECT_TRUE(ips("notReadyAddresses").empty());
    apiserver::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    auto ctx = controllerContext();
    ASSERT_TRUE(h.api->remove(resourceType("", "pods"), "default", "a", now, ctx).isOk());
    h.runUntilIdle();
    EXPECT_EQ(ips("addresses"), std::vector<std::string>{"10.42.0.6"});
    h.patch("", "pods", "default", "b", {{"metadata", {{"labels", {{"app", "moved"}}}}}});
    h.runUntilIdle();
    EXPECT_TRUE(ips("addresses").empty());
}

TEST_F(EndpointsFixture, DeletedWithTheService) {
    createService();
    pod("a", kApp, "10.42.0.5", true);
    h.runUntilIdle();
    ASSERT_TRUE(h.exists("", "endpoints", "default", "web"));
    auto ctx = controllerContext();
    ASSERT_TRUE(h.api->remove(resourceType("", "services"), "default", "web", {}, ctx).isOk());
    h.runUntilIdle();
    EXPECT_FALSE(h.exists("", "endpoints", "default", "web"));
}

} // namespace
} // namespace cox::controllers::testing
