// The coxswain.io/v1 scheduling API over real HTTPS against an in-process control plane with a
// fake kubelet: explanations of every node, moves of owned and bare pods, refused moves with
// the scheduler's reasons, rollback of a replacement that fails.
#include "cluster_fixture.h"

#include <algorithm>

namespace cox::testing {
namespace {

const std::string kPods = "/api/v1/namespaces/default/pods";
const std::string kMoves = "/apis/coxswain.io/v1/namespaces/default/podmoves";
const std::string kExplain = "/apis/coxswain.io/v1/namespaces/default/schedulingexplanations";

Json moveJson(const std::string &pod, const std::string &node) {
    return {{"apiVersion", "coxswain.io/v1"},
            {"kind", "PodMove"},
            {"metadata", {{"generateName", pod + "-"}}},
            {"spec", {{"podName", pod}, {"targetNode", node}}}};
}

Json taint(const std::string &key) {
    return Json::array({{{"key", key}, {"value", "x"}, {"effect", "NoSchedule"}}});
}

class SchedulingApiTest : public ClusterTest {
protected:
    std::vector<Json> activePods() {
        std::vector<Json> out;
        Json list = get(kPods); // kept alive: the loop reads into it
        for (const auto &pod : list["items"])
            if (podActive(pod))
                out.push_back(pod);
        return out;
    }
    int readyPods() {
        auto pods = activePods();
        return static_cast<int>(std::count_if(pods.begin(), pods.end(), podReady));
    }
    std::string movePhase(const std::string &name) {
        return get(kMoves + "/" + name)["status"].value("phase", "");
    }
    // The scheduler learns of nodes through its own watch, a moment after the API has them;
    // a move checked before that would find its target "not found". Waits until it explains
    // `nodes` nodes.
    void waitUntilSchedulerKnows(int nodes) {
        Json container = {{"name", "c"}, {"image", "nginx"}};
        Json pod = {{"metadata", {{"name", "probe"}}},
                    {"spec", {{"containers", Json::array({container})}}}};
        Json body = {{"apiVersion", "coxswain.io/v1"},
                     {"kind", "SchedulingExplanation"},
                     {"spec", {{"pod", pod}}}};
        ASSERT_TRUE(eventually([&] {
            ApiReply r = call("POST", kExplain, body);
            return r.status == 201 && r.body["status"].value("totalNodes", 0) == nodes;
        })) << "the scheduler never saw "
            << nodes << " nodes";
    }
    // Waits for `replicas` Ready pods of a deployment named "web".
    void runWeb(int replicas) {
        ASSERT_EQ(call("POST", "/apis/apps/v1/namespaces/default/deployments",
                       deploymentJson("web", replicas, "nginx:1.25"))
                      .status,
                  201);
        ASSERT_TRUE(eventually([&] { return readyPods() == replicas; })) << get(kPods).dump();
    }
};

TEST_F(SchedulingApiTest, ExplainsEveryNodeWithReasonsAndScores) {
    m_kubelet->addNode("small", "1");
    m_kubelet->addNode("tainted", "8", "16Gi", taint("dedicated"));
    m_kubelet->addNode("roomy", "8");
    Json pod = deploymentJson("big", 1, "nginx")["spec"]["template"];
    pod["spec"]["containers"][0]["resources"]["requests"]["cpu"] = "2";
    ASSERT_TRUE(eventually([&] {
        Json body = {
            {"apiVersion", "coxswain.io/v1"},
            {"kind", "SchedulingExplanation"},
            {"spec", {{"pod", {{"metadata", {{"name", "probe"}}}, {"spec", pod["spec"]}}}}}};
        ApiReply r = call("POST", kExplain, body);
        return r.status == 201 && r.body["status"].value("totalNodes", 0) == 3;
    }));
    Json body = {{"apiVersion", "coxswain.io/v1"},
                 {"kind", "SchedulingExplanation"},
                 {"spec", {{"pod", {{"metadata", {{"name", "probe"}}}, {"spec", pod["spec"]}}}}}};
    ApiReply r = call("POST", kExplain, body);
    ASSERT_EQ(r.status, 201) << r.body.dump();
    const Json &status = r.body["status"];
    EXPECT_EQ(status["bestNode"], "roomy");
    EXPECT_EQ(status["feasibleNodes"], 1);
    std::map<std::string, Json> byName;
    for (const auto &n : status["nodes"])
        byName[n["name"]] = n;
    EXPECT_EQ(byName["small"]["fits"], false);
    EXPECT_NE(byName["small"]["reasons"].dump().find("Insufficient cpu"), std::string::npos);
    EXPECT_EQ(byName["tainted"]["fits"], false);
    EXPECT_NE(byName["tainted"]["reasons"].dump().find("untolerated taint"), std::string::npos);
    EXPECT_EQ(byName["roomy"]["fits"], true);
    EXPECT_GT(byName["roomy"]["total"].get<int64_t>(), 0);
}

TEST_F(SchedulingApiTest, ExplainsAnExistingPodByNameAndRefusesAMissingOne) {
    m_kubelet->addNode("n1");
    runWeb(1);
    std::string name = activePods()[0]["metadata"]["name"];
    Json body = {{"apiVersion", "coxswain.io/v1"},
                 {"kind", "SchedulingExplanation"},
                 {"spec", {{"podName", name}}}};
    ApiReply r = call("POST", kExplain, body);
    ASSERT_EQ(r.status, 201) << r.body.dump();
    // The pod runs on n1, yet is not held against itself there.
    EXPECT_EQ(r.body["status"]["nodes"][0]["fits"], true) << r.body.dump();
    body["spec"]["podName"] = "ghost";
    EXPECT_EQ(call("POST", kExplain, body).status, 404);
    EXPECT_EQ(call("GET", kExplain).status, 405);
}

TEST_F(SchedulingApiTest, MovesAnOwnedPodWithoutDroppingReadyReplicas) {
    m_kubelet->addNode("n1");
    m_kubelet->addNode("n2");
    m_kubelet->addNode("n3");
    runWeb(2);
    Json victim = activePods()[0];
    std::string name = victim["metadata"]["name"];
    std::string from = victim["spec"]["nodeName"];
    std::string to = from == "n3" ? "n1" : "n3";
    ApiReply created = call("POST", kMoves, moveJson(name, to));
    ASSERT_EQ(created.status, 201) << created.body.dump();
    std::string move = created.body["metadata"]["name"];
    int minReady = 2;
    ASSERT_TRUE(eventually([&] {
        minReady = std::min(minReady, readyPods());
        return movePhase(move) == "Succeeded";
    })) << get(kMoves + "/" + move).dump();
    EXPECT_GE(minReady, 2);
    ASSERT_TRUE(eventually([&] { return activePods().size() == 2 && readyPods() == 2; }));
    std::vector<std::string> nodes;
    for (const auto &pod : activePods()) {
        EXPECT_NE(pod["metadata"]["name"], name);
        nodes.push_back(pod["spec"]["nodeName"]);
    }
    EXPECT_NE(std::find(nodes.begin(), nodes.end(), to), nodes.end());
    Json events = get("/api/v1/namespaces/default/events");
    EXPECT_NE(events.dump().find("ReplacementCreated"), std::string::npos);
    EXPECT_NE(events.dump().find("MoveSucceeded"), std::string::npos);
}

TEST_F(SchedulingApiTest, MovesABarePodByRecreatingItOnTheTarget) {
    m_kubelet->addNode("n1");
    m_kubelet->addNode("n2");
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", "solo"}, {"labels", {{"app", "solo"}}}}},
                {"spec",
                 {{"nodeName", "n1"},
                  {"containers", Json::array({{{"name", "app"}, {"image", "busybox"}}})}}}};
    ApiReply created = call("POST", kPods, pod);
    ASSERT_EQ(created.status, 201);
    std::string uid = created.body["metadata"]["uid"];
    ASSERT_TRUE(eventually([&] { return podReady(get(kPods + "/solo")); }));
    ApiReply move = call("POST", kMoves, moveJson("solo", "n2"));
    ASSERT_EQ(move.status, 201) << move.body.dump();
    std::string name = move.body["metadata"]["name"];
    ASSERT_TRUE(eventually([&] { return movePhase(name) == "Succeeded"; }))
        << get(kMoves + "/" + name).dump();
    Json moved = get(kPods + "/solo");
    EXPECT_EQ(moved["spec"]["nodeName"], "n2");
    EXPECT_NE(moved["metadata"]["uid"], uid);
    EXPECT_EQ(moved["metadata"]["labels"]["app"], "solo");
}

TEST_F(SchedulingApiTest, RefusesMovesThatCannotWorkWithTheReason) {
    m_kubelet->addNode("n1");
    runWeb(1); // on n1, the only node so far
    m_kubelet->addNode("tiny", "50m");
    m_kubelet->addNode("slow");
    waitUntilSchedulerKnows(3);
    std::string name = activePods()[0]["metadata"]["name"];
    ApiReply tooSmall = call("POST", kMoves, moveJson(name, "tiny"));
    EXPECT_EQ(tooSmall.status, 422);
    EXPECT_NE(tooSmall.body.value("message", "").find("Insufficient cpu"), std::string::npos)
        << tooSmall.body.dump();
    ApiReply unknown = call("POST", kMoves, moveJson(name, "nowhere"));
    EXPECT_EQ(unknown.status, 422);
    EXPECT_NE(unknown.body.value("message", "").find("not found"), std::string::npos);
    EXPECT_EQ(call("POST", kMoves, moveJson(name, "n1")).status, 422); // already there
    EXPECT_EQ(call("POST", kMoves, moveJson("ghost", "slow")).status, 404);
    Json bad = moveJson(name, "slow");
    bad["spec"].erase("targetNode");
    EXPECT_EQ(call("POST", kMoves, bad).status, 422);
    // A move in progress (the slow node never readies the replacement) blocks a second one.
    m_kubelet->setRefuse([](const Json &p) { return p["spec"].value("nodeName", "") == "slow"; });
    ASSERT_EQ(call("POST", kMoves, moveJson(name, "slow")).status, 201);
    ApiReply second = call("POST", kMoves, moveJson(name, "slow"));
    EXPECT_EQ(second.status, 409) << second.body.dump();
    EXPECT_EQ(readyPods(), 1);
}

TEST_F(SchedulingApiTest, RefusesAMoveAgainstTheNodeSelector) {
    m_kubelet->addNode("n1");
    m_kubelet->addNode("n2");
    Json dep = deploymentJson("web", 1, "nginx:1.25");
    dep["spec"]["template"]["spec"]["nodeSelector"] = {{"kubernetes.io/hostname", "n1"}};
    ASSERT_EQ(call("POST", "/apis/apps/v1/namespaces/default/deployments", dep).status, 201);
    ASSERT_TRUE(eventually([&] { return readyPods() == 1; }));
    std::string name = activePods()[0]["metadata"]["name"];
    ApiReply pinned = call("POST", kMoves, moveJson(name, "n2"));
    EXPECT_EQ(pinned.status, 422);
    EXPECT_NE(pinned.body.value("message", "").find("affinity"), std::string::npos)
        << pinned.body.dump();
}

TEST_F(SchedulingApiTest, AFailingReplacementRollsBackAndTheOriginalKeepsRunning) {
    m_kubelet->addNode("n1");
    runWeb(1);
    m_kubelet->addNode("broken");
    waitUntilSchedulerKnows(2);
    m_kubelet->setRefuse([](const Json &p) { return p["spec"].value("nodeName", "") == "broken"; });
    std::string name = activePods()[0]["metadata"]["name"];
    ApiReply created = call("POST", kMoves, moveJson(name, "broken"));
    ASSERT_EQ(created.status, 201) << created.body.dump();
    std::string move = created.body["metadata"]["name"];
    std::string replacement;
    ASSERT_TRUE(eventually([&] {
        replacement = get(kMoves + "/" + move)["status"].value("replacementPod", "");
        return !replacement.empty();
    }));
    // The broken node reports the replacement failed.
    Json failed = {{"status",
                    {{"phase", "Failed"},
                     {"containerStatuses",
                      Json::array({{{"name", "app"},
                                    {"ready", false},
                                    {"restartCount", 0},
                                    {"image", "nginx:1.25"},
                                    {"imageID", ""},
                                    {"state", {{"waiting", {{"reason", "ErrImagePull"}}}}}}})}}}};
    ASSERT_EQ(
        call("PATCH", kPods + "/" + replacement + "/status", failed, "application/merge-patch+json")
            .status,
        200);
    ASSERT_TRUE(eventually([&] { return movePhase(move) == "Failed"; }));
    std::string message = get(kMoves + "/" + move)["status"].value("message", "");
    EXPECT_NE(message.find("ErrImagePull"), std::string::npos) << message;
    EXPECT_NE(message.find("rolled back"), std::string::npos) << message;
    Json original = get(kPods + "/" + name);
    EXPECT_TRUE(podActive(original) && podReady(original));
    EXPECT_TRUE(eventually([&] { return activePods().size() == 1; })) << get(kPods).dump();
}

} // namespace
} // namespace cox::testing
