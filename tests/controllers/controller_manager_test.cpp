// ControllerManager wiring: every controller on shared informers, driven single-threaded.
// A Deployment behind a Service yields pods and endpoints; deleting it lets the garbage
// collector remove its ReplicaSet and pods.
#include "controllers/controller_manager.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

TEST(ControllerManager, DeploymentServiceAndCascadingDelete) {
    Harness h;
    ControllerManager manager(*h.api);
    h.create("apps", "deployments", makeDeployment("web", 2, {{"app", "web"}}));
    h.create("", "services",
             Json{{"apiVersion", "v1"},
                  {"kind", "Service"},
                  {"metadata", {{"name", "web"}, {"namespace", "default"}}},
                  {"spec",
                   {{"selector", {{"app", "web"}}},
                    {"ports", Json::array({{{"port", 80}, {"targetPort", "http"}}})}}}});
    ASSERT_TRUE(manager.runUntilIdle());
    EXPECT_TRUE(manager.hasSynced());
    auto pods = h.list("", "pods", "default");
    ASSERT_EQ(pods.size(), 2u);
    int ip = 10;
    for (const auto &pod : pods)
        h.setPodReady("default", metaString(pod, "name"), true, "10.42.0." + std::to_string(ip++));
    ASSERT_TRUE(manager.runUntilIdle());
    Json endpoints = h.get("", "endpoints", "default", "web");
    EXPECT_EQ(endpoints["subsets"][0]["addresses"].size(), 2u);
    EXPECT_EQ(endpoints["subsets"][0]["ports"][0]["port"], 8080);
    Json d = h.get("apps", "deployments", "default", "web");
    EXPECT_EQ(d["status"]["availableReplicas"], 2);

    auto ctx = controllerContext();
    ASSERT_TRUE(
        h.api->remove(resourceType("apps", "deployments"), "default", "web", {}, ctx).isOk());
    ASSERT_TRUE(manager.runUntilIdle());
    EXPECT_TRUE(h.list("apps", "replicasets", "default").empty());
    EXPECT_TRUE(h.list("", "pods", "default").empty());
    EXPECT_TRUE(h.get("", "endpoints", "default", "web")["subsets"].empty());
}

} // namespace
} // namespace cox::controllers::testing
