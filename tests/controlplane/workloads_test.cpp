// Workload controllers end to end over real HTTPS with a fake kubelet: rolling updates that
// never drop ready replicas, scaling, rollback to an earlier template, cascading deletion, and
// a node that stops renewing its lease having its pods recreated elsewhere.
#include "cluster_fixture.h"

#include <algorithm>

namespace cox::testing {
namespace {

const std::string kDeployments = "/apis/apps/v1/namespaces/default/deployments";
const std::string kReplicaSets = "/apis/apps/v1/namespaces/default/replicasets";
const std::string kPods = "/api/v1/namespaces/default/pods";

class WorkloadsTest : public ClusterTest {
protected:
    void configure(controlplane::ControlPlaneConfig &config) override {
        config.controllers.nodeLifecycle.gracePeriod = std::chrono::seconds(2);
        config.controllers.nodeLifecycle.defaultTolerationSeconds = std::chrono::seconds(1);
    }
    std::vector<Json> activePods(const std::string &app) {
        std::vector<Json> out;
        Json list = get(kPods + "?labelSelector=app%3D" + app);
        for (const auto &pod : list["items"])
            if (podActive(pod))
                out.push_back(pod);
        return out;
    }
    int ready(const std::string &app) {
        auto pods = activePods(app);
        return static_cast<int>(std::count_if(pods.begin(), pods.end(), podReady));
    }
    bool rolledOut(const std::string &name, int replicas) {
        Json d = get(kDeployments + "/" + name);
        if (!d.contains("status") || !d["status"].is_object())
            return false;
        const Json &s = d["status"];
        return s.value("observedGeneration", 0) == d["metadata"].value("generation", -1) &&
               s.value("updatedReplicas", 0) == replicas && s.value("replicas", 0) == replicas &&
               s.value("availableReplicas", 0) == replicas;
    }
    std::string imageOf(const Json &pod) { return pod["spec"]["containers"][0]["image"]; }
    Json patch(const std::string &path, const Json &body) {
        ApiReply r = call("PATCH", path, body, "application/merge-patch+json");
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body;
    }
};

TEST_F(WorkloadsTest, RollingUpdateWithMaxUnavailableZeroNeverDropsReadyReplicas) {
    m_kubelet->addNode("n1");
    m_kubelet->addNode("n2");
    Json dep = deploymentJson("web", 3, "nginx:1.25");
    dep["spec"]["strategy"] = {{"type", "RollingUpdate"},
                               {"rollingUpdate", {{"maxSurge", 1}, {"maxUnavailable", 0}}}};
    ASSERT_EQ(call("POST", kDeployments, dep).status, 201);
    ASSERT_TRUE(eventually([&] { return rolledOut("web", 3); }));
    patch(kDeployments + "/web",
          {{"spec",
            {{"template",
              {{"spec",
                {{"containers", Json::array({{{"name", "app"}, {"image", "nginx:1.26"}}})}}}}}}}});
    int minReady = 3;
    int maxActive = 3;
    ASSERT_TRUE(eventually(
        [&] {
            minReady = std::min(minReady, ready("web"));
            maxActive = std::max(maxActive, static_cast<int>(activePods("web").size()));
            auto pods = activePods("web");
            return rolledOut("web", 3) && pods.size() == 3 &&
                   std::all_of(pods.begin(), pods.end(),
                               [&](const Json &p) { return imageOf(p) == "nginx:1.26"; });
        },
        60));
    EXPECT_GE(minReady, 3);
    EXPECT_LE(maxActive, 4); // maxSurge 1
    Json d = get(kDeployments + "/web");
    EXPECT_EQ(d["metadata"]["annotations"]["deployment.kubernetes.io/revision"], "2");
}

TEST_F(WorkloadsTest, ScalesUpAndDownThroughTheScaleSubresource) {
    m_kubelet->addNode("n1");
    ASSERT_EQ(call("POST", kDeployments, deploymentJson("web", 1, "nginx")).status, 201);
    ASSERT_TRUE(eventually([&] { return ready("web") == 1; }));
    patch(kDeployments + "/web/scale", {{"spec", {{"replicas", 4}}}});
    ASSERT_TRUE(eventually([&] { return rolledOut("web", 4) && ready("web") == 4; }));
    patch(kDeployments + "/web/scale", {{"spec", {{"replicas", 2}}}});
    ASSERT_TRUE(eventually([&] { return rolledOut("web", 2) && activePods("web").size() == 2; }));
    EXPECT_EQ(get(kDeployments + "/web/scale")["status"]["replicas"], 2);
}

TEST_F(WorkloadsTest, RollbackRestoresTheEarlierTemplateAsANewRevision) {
    m_kubelet->addNode("n1");
    ASSERT_EQ(call("POST", kDeployments, deploymentJson("web", 2, "nginx:1.25")).status, 201);
    ASSERT_TRUE(eventually([&] { return rolledOut("web", 2); }));
    Json v1Template = get(kDeployments + "/web")["spec"]["template"];
    patch(kDeployments + "/web",
          {{"spec",
            {{"template",
              {{"spec",
                {{"containers", Json::array({{{"name", "app"}, {"image", "nginx:1.26"}}})}}}}}}}});
    ASSERT_TRUE(eventually([&] {
        auto pods = activePods("web");
        return rolledOut("web", 2) && pods.size() == 2 && imageOf(pods[0]) == "nginx:1.26";
    }));
    // What `kubectl rollout undo` does: put revision 1's template back.
    Json dep = get(kDeployments + "/web");
    dep["spec"]["template"] = v1Template;
    ASSERT_EQ(call("PUT", kDeployments + "/web", dep).status, 200);
    ASSERT_TRUE(eventually([&] {
        auto pods = activePods("web");
        return rolledOut("web", 2) && pods.size() == 2 &&
               std::all_of(pods.begin(), pods.end(),
                           [&](const Json &p) { return imageOf(p) == "nginx:1.25"; });
    }));
    // The old ReplicaSet was reused (no third one) and carries the newest revision.
    Json sets = get(kReplicaSets)["items"];
    EXPECT_EQ(sets.size(), 2u);
    EXPECT_EQ(
        get(kDeployments + "/web")["metadata"]["annotations"]["deployment.kubernetes.io/revision"],
        "3");
}

TEST_F(WorkloadsTest, DeletingADeploymentCascadesOrOrphansAsAsked) {
    m_kubelet->addNode("n1");
    ASSERT_EQ(call("POST", kDeployments, deploymentJson("gone", 2, "nginx")).status, 201);
    ASSERT_EQ(call("POST", kDeployments, deploymentJson("kept", 1, "nginx")).status, 201);
    ASSERT_TRUE(eventually([&] { return ready("gone") == 2 && ready("kept") == 1; }));
    Json foreground = {
        {"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"propagationPolicy", "Foreground"}};
    ASSERT_LT(call("DELETE", kDeployments + "/gone", foreground).status, 300);
    ASSERT_TRUE(eventually([&] {
        return call("GET", kDeployments + "/gone").status == 404 && activePods("gone").empty() &&
               get(kReplicaSets + "?labelSelector=app%3Dgone")["items"].empty();
    }));
    Json orphan = {
        {"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"propagationPolicy", "Orphan"}};
    ASSERT_LT(call("DELETE", kDeployments + "/kept", orphan).status, 300);
    ASSERT_TRUE(eventually([&] { return call("GET", kDeployments + "/kept").status == 404; }));
    Json sets = get(kReplicaSets + "?labelSelector=app%3Dkept")["items"];
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_FALSE(sets[0]["metadata"].contains("ownerReferences") &&
                 !sets[0]["metadata"]["ownerReferences"].empty());
    EXPECT_EQ(ready("kept"), 1);
}

TEST_F(WorkloadsTest, PodsOfANodeThatStopsRenewingItsLeaseAreRecreatedElsewhere) {
    m_kubelet->addNode("doomed");
    ASSERT_EQ(call("POST", kDeployments, deploymentJson("web", 2, "nginx")).status, 201);
    ASSERT_TRUE(eventually([&] { return ready("web") == 2; }));
    m_kubelet->addNode("survivor");
    m_kubelet->stopNode("doomed");
    ASSERT_TRUE(eventually(
        [&] {
            auto pods = activePods("web");
            return pods.size() == 2 && ready("web") == 2 &&
                   std::all_of(pods.begin(), pods.end(), [](const Json &p) {
                       return p["spec"].value("nodeName", "") == "survivor";
                   });
        },
        60));
    Json node = get("/api/v1/nodes/doomed");
    std::string readyStatus;
    for (const auto &c : node["status"]["conditions"])
        if (c["type"] == "Ready")
            readyStatus = c["status"];
    EXPECT_EQ(readyStatus, "Unknown");
    EXPECT_NE(node["spec"]["taints"].dump().find("node.kubernetes.io/unreachable"),
              std::string::npos);
}

} // namespace
} // namespace cox::testing
