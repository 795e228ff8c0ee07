// A node reads only the Secrets, ConfigMaps and PVCs its own pods use.
#include "apiserver/node_read_restriction.h"
#include "fixture.h"

#include <gtest/gtest.h>

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::testing;
using model::Json;

namespace {

Json object(const char *kind, const std::string &name) {
    return {{"apiVersion", "v1"}, {"kind", kind}, {"metadata", {{"name", name}}}};
}

// A pod using every kind of reference a node must be able to follow.
Json podUsingEverything(const std::string &node) {
    Json pod = makePod("user").node(node).build();
    Json &spec = pod["spec"];
    spec["volumes"] = Json::parse(R"([
        {"name": "a", "secret": {"secretName": "vol-secret"}},
        {"name": "b", "configMap": {"name": "vol-config"}},
        {"name": "c", "persistentVolumeClaim": {"claimName": "data"}},
        {"name": "d", "projected": {"sources": [{"secret": {"name": "proj-secret"}},
                                               {"configMap": {"name": "proj-config"}}]}}])");
    spec["imagePullSecrets"] = Json::parse(R"([{"name": "pull"}])");
    spec["initContainers"] = Json::parse(R"([{"name": "init", "image": "busybox",
        "envFrom": [{"secretRef": {"name": "init-env"}}]}])");
    spec["containers"][0]["env"] = Json::parse(R"([
        {"name": "K", "valueFrom": {"configMapKeyRef": {"name": "env-config", "key": "k"}}}])");
    return pod;
}

} // namespace

TEST(NodeReadRestriction, FollowsEveryReferenceOfAPod) {
    const Json pod = podUsingEverything("n1");
    for (const char *name : {"vol-secret", "proj-secret", "pull", "init-env"})
        EXPECT_TRUE(podReferences(pod, "secrets", name)) << name;
    for (const char *name : {"vol-config", "proj-config", "env-config"})
        EXPECT_TRUE(podReferences(pod, "configmaps", name)) << name;
    EXPECT_TRUE(podReferences(pod, "persistentvolumeclaims", "data"));
    // A name used as another kind does not count.
    EXPECT_FALSE(podReferences(pod, "configmaps", "vol-secret"));
    EXPECT_FALSE(podReferences(pod, "secrets", "env-config"));
    EXPECT_FALSE(podReferences(pod, "secrets", "other"));
}

class NodeReadTest : public ApiFixture {};

TEST_F(NodeReadTest, ANodeGetsOnlyWhatItsPodsUse) {
    const auto &secrets = type("", "secrets");
    const auto &configMaps = type("", "configmaps");
    for (const char *name : {"vol-secret", "pull", "unused"})
        mustCreate(secrets, "default", object("Secret", name));
    for (const char *name : {"env-config", "unused"})
        mustCreate(configMaps, "default", object("ConfigMap", name));
    mustCreate(pods(), "default", podUsingEverything("node-1"));

    const auto asNode1 = asUser(nodeUser("node-1"));
    EXPECT_TRUE(svc().get(secrets, "default", "vol-secret", asNode1).isOk());
    EXPECT_TRUE(svc().get(secrets, "default", "pull", asNode1).isOk());
    EXPECT_TRUE(svc().get(configMaps, "default", "env-config", asNode1).isOk());
    auto unused = svc().get(secrets, "default", "unused", asNode1);
    ASSERT_EQ(unused.status().code(), StatusCode::Forbidden);
    EXPECT_NE(unused.status().message().find("no relationship found between node 'node-1'"),
              std::string::npos)
        << unused.status().message();
    EXPECT_EQ(svc().get(configMaps, "default", "unused", asNode1).status().code(),
              StatusCode::Forbidden);
    // Another node has no pod using them; the admin reads everything.
    EXPECT_EQ(
        svc().get(secrets, "default", "vol-secret", asUser(nodeUser("node-2"))).status().code(),
        StatusCode::Forbidden);
    EXPECT_TRUE(svc().get(secrets, "default", "unused", asUser(admin())).isOk());
    // The same name in another namespace is another object.
    mustCreate(type("", "namespaces"), "", object("Namespace", "other"));
    mustCreate(secrets, "other", object("Secret", "vol-secret"));
    EXPECT_EQ(svc().get(secrets, "other", "vol-secret", asNode1).status().code(),
              StatusCode::Forbidden);
}
