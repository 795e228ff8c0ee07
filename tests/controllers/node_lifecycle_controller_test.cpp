// NodeLifecycleController on a FakeClock: lease expiry -> Ready=Unknown + unreachable taint,
// NoExecute eviction after tolerationSeconds (default, explicit, forever), Ready=False ->
// not-ready taint, recovery, rate limiting, and no eviction right after a restart.
#include "controllers/node_lifecycle_controller.h"

#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct NodeFixture : ::testing::Test {
    Harness h;
    std::unique_ptr<NodeLifecycleController> owned;
    NodeLifecycleController *nlc = nullptr;

    void startController(double evictionsPerSecond = 10) {
        NodeLifecycleOptions opts;
        opts.gracePeriod = seconds(10);
        opts.defaultTolerationSeconds = seconds(30);
        opts.evictionsPerSecond = evictionsPerSecond;
        nlc = &h.add<NodeLifecycleController>(*h.api, *h.informers, *h.events, opts);
        h.runUntilIdle();
    }
    void createNode(const std::string &name, const std::string &ready = "True") {
        h.create("", "nodes",
                 Json{{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", name}}}});
        setReady(name, ready);
        h.create("coordination.k8s.io", "leases",
                 Json{{"apiVersion", "coordination.k8s.io/v1"},
                      {"kind", "Lease"},
                      {"metadata", {{"name", name}, {"namespace", "kube-node-lease"}}},
                      {"spec",
                       {{"holderIdentity", name},
                        {"leaseDurationSeconds", 40},
                        {"renewTime", formatRfc3339Micro(h.clock.now())}}}});
    }
    void setReady(const std::string &name, const std::string &status) {
        Json node = h.get("", "nodes", "", name);
        node["status"]["conditions"] =
            Json::array({{{"type", "Ready"},
                          {"status", status},
                          {"reason", status == "True" ? "KubeletReady" : "KubeletNotReady"},
                          {"lastHeartbeatTime", formatRfc3339(h.clock.now())},
                          {"lastTransitionTime", formatRfc3339(h.clock.now())}}});
        h.updateStatus("", "nodes", node);
    }
    void renew(const std::string &name) {
        h.patch("coordination.k8s.io", "leases", "kube-node-lease", name,
                {{"spec", {{"renewTime", formatRfc3339Micro(h.clock.now())}}}});
    }
    void podOn(const std::string &name, const std::string &node, Json tolerations = nullptr) {
        Json pod = makePod(name, {{"app", "x"}});
        if (!tolerations.is_null())
            pod["spec"]["tolerations"] = tolerations;
        h.create("", "pods", pod);
        h.bindPod("default", name, node);
    }
    std::string ready(const std::string &node) {
        Json object = h.get("", "nodes", "", node); // keep it alive while iterating
        for (const auto &c : object["status"]["conditions"])
            if (c["type"] == "Ready")
                return c["status"];
        return "";
    }
    std::vector<std::string> taints(const std::string &node) {
        std::vector<std::string> out;
        Json object = h.get("", "nodes", "", node);
        for (const auto &t : at(object, {"spec", "taints"}))
            out.push_back(t["key"]);
        return out;
    }
    bool evicted(const std::string &pod) {
        auto ctx = controllerContext();
        auto p = h.api->get(resourceType("", "pods"), "default", pod, ctx);
        return !p || isTerminating(*p);
    }
    static Json tolerateUnreachable(std::optional<int> seconds) {
        Json t = {{"key", kTaintUnreachable}, {"operator", "Exists"}, {"effect", "NoExecute"}};
        if (seconds)
            t["tolerationSeconds"] = *seconds;
        return Json::array({t});
    }
};

TEST_F(NodeFixture, RenewedLeaseKeepsTheNodeReady) {
    createNode("n1");
    startController();
    for (int i = 0; i < 5; ++i) {
        h.advance(seconds(6));
        renew("n1");
        h.runUntilIdle();
    }
    EXPECT_EQ(ready("n1"), "True");
    EXPECT_TRUE(taints("n1").empty());
}

TEST_F(NodeFixture, ExpiredLeaseTaintsThenEvictsByToleration) {
    createNode("n1");
    podOn("plain", "n1");
    podOn("tolerates-60", "n1", tolerateUnreachable(60));
    podOn("tolerates-forever", "n1", tolerateUnreachable(std::nullopt));
    startController();
    h.advance(seconds(9));
    EXPECT_EQ(ready("n1"), "True");
    h.advance(seconds(2));
    EXPECT_EQ(ready("n1"), "Unknown");
    EXPECT_EQ(taints("n1"), std::vector<std::string>{kTaintUnreachable});
    Json node = h.get("", "nodes", "", "n1");
    for (const auto &c : node["status"]["conditions"])
        if (c["type"] == "Ready") {
            EXPECT_EQ(c["reason"], "NodeStatusUnknown");
            EXPECT_EQ(c["message"], "Kubelet stopped posting node status.");
        }
    EXPECT_FALSE(node["spec"]["taints"][0].value("timeAdded", "").empty());
    h.advance(seconds(29));
    EXPECT_FALSE(evicted("plain"));
    h.advance(seconds(2));
    EXPECT_TRUE(evicted("plain")) << "30 s default toleration";
    EXPECT_FALSE(evicted("tolerates-60"));
    h.advance(seconds(30));
    EXPECT_TRUE(evicted("tolerates-60"));
    h.advance(seconds(600));
    EXPECT_FALSE(evicted("tolerates-forever"));
    bool eventSeen = false;
    for (const auto &e : h.list("", "events", "default"))
        eventSeen = eventSeen || (e["reason"] == "TaintManagerEviction" &&
                                  e["involvedObject"]["name"] == "plain");
    EXPECT_TRUE(eventSeen);
}

TEST_F(NodeFixture, HealthyAgainRemovesTheTaint) {
    createNode("n1");
    startController();
    h.advance(seconds(11));
    ASSERT_EQ(taints("n1"), std::vector<std::string>{kTaintUnreachable});
    renew("n1");
    setReady("n1", "True");
    h.runUntilIdle();
    EXPECT_TRUE(taints("n1").empty());
    EXPECT_EQ(ready("n1"), "True");
}

TEST_F(NodeFixture, NotReadyNodeGetsTheNotReadyTaint) {
    createNode("n1", "False");
    startController();
    EXPECT_EQ(taints("n1"), std::vector<std::string>{kTaintNotReady});
    setReady("n1", "True");
    h.runUntilIdle();
    EXPECT_TRUE(taints("n1").empty());
}

TEST_F(NodeFixture, EvictionsAreRateLimited) {
    createNode("n1");
    for (const char *p : {"p1", "p2", "p3"})
        podOn(p, "n1");
    startController(/*evictionsPerSecond=*/1);
    h.advance(seconds(11)); // tainted at t=11
    h.advance(seconds(31)); // the 30 s default toleration is over for all three
    auto count = [&] {
        int n = 0;
        for (const char *p : {"p1", "p2", "p3"})
            n += evicted(p);
        return n;
    };
    EXPECT_EQ(count(), 1);
    h.advance(milliseconds(1000));
    EXPECT_EQ(count(), 2);
    h.advance(milliseconds(1000));
    EXPECT_EQ(count(), 3);
}

TEST_F(NodeFixture, NoEvictionRightAfterARestart) {
    // The node went quiet long ago while the control plane was down: stale lease, taint added
    // an hour ago, Ready=Unknown.
    createNode("n1");
    h.clock.advance(std::chrono::hours(1));
    Json node = h.get("", "nodes", "", "n1");
    node["spec"]["taints"] =
        Json::array({{{"key", kTaintUnreachable},
                      {"effect", "NoExecute"},
                      {"timeAdded", formatRfc3339(h.clock.now() - std::chrono::minutes(59))}}});
    h.update("", "nodes", node);
    setReady("n1", "Unknown");
    podOn("plain", "n1");
    startController();
    EXPECT_FALSE(evicted("plain")) << "timers start when the controller starts";
    h.advance(seconds(5));
    EXPECT_FALSE(evicted("plain"));
    h.advance(seconds(26));
    EXPECT_TRUE(evicted("plain"));
}

} // namespace
} // namespace cox::controllers::testing
